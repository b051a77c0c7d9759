import { describe, expect, it } from 'vitest';
import { MemDir } from '../kube/memfs.ts';
import { applyOps, pathWithin, rebase, snapshot } from './fsSync.ts';
import type { FsOp } from './protocol.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('snapshot', () => {
  it('copies the tree structure and shares file bytes (postMessage copies them)', () => {
    const dir = new MemDir();
    const file = dir.writeFile('a/b.txt', 'b');
    dir.writeFile('c.txt', 'c');
    expect(snapshot(dir)).toEqual({
      kind: 'dir',
      entries: [
        ['a', { kind: 'dir', entries: [['b.txt', { kind: 'file', data: file.data }]] }],
        ['c.txt', { kind: 'file', data: text('c') }],
      ],
    });
  });

  it('copies a file that is a view of a larger buffer, so only its bytes travel', () => {
    const dir = new MemDir();
    const big = new Uint8Array(1 << 20);
    big.set(text('abc'), 100);
    dir.writeFile('view', big.subarray(100, 103));
    const [entry] = snapshot(dir).entries;
    const file = entry?.[1];
    if (file?.kind !== 'file') throw new Error('expected a file');
    expect(file.data.buffer.byteLength).toBe(3);
    expect(file.data).toEqual(text('abc'));
  });
});

describe('applyOps', () => {
  it('writes, makes directories and removes, replacing a node of the other kind', () => {
    const dir = new MemDir();
    dir.writeFile('gone.txt', 'x');
    dir.writeFile('was-file', 'x');
    dir.writeFile('was-dir/inner', 'x');
    applyOps(dir, [
      { op: 'remove', path: 'gone.txt' },
      { op: 'mkdir', path: 'was-file' },
      { op: 'write', path: 'was-dir', data: text('now a file') },
      { op: 'mkdir', path: 'new/deep' },
      { op: 'write', path: 'new/deep/f', data: text('f') },
    ]);
    expect([...dir.entries.keys()].sort()).toEqual(['new', 'was-dir', 'was-file']);
    expect(dir.lookup('was-file')?.kind).toBe('dir');
    expect(dir.readText('was-dir')).toBe('now a file');
    expect(dir.readText('new/deep/f')).toBe('f');
  });

  it('ignores an op on the root itself', () => {
    const dir = new MemDir();
    dir.writeFile('keep', 'k');
    applyOps(dir, [{ op: 'remove', path: '' }]);
    expect(dir.readText('keep')).toBe('k');
  });
});

describe('pathWithin and rebase', () => {
  const host = new MemDir();
  const logs = host.mkdirp('var/log');
  const other = new MemDir();
  const ops: FsOp[] = [
    { op: 'write', path: 'var/log/a.log', data: text('a') },
    { op: 'write', path: 'etc/conf', data: text('c') },
  ];

  it('finds where one directory sits inside another', () => {
    expect(pathWithin(host, host)).toBe('');
    expect(pathWithin(host, logs)).toBe('var/log');
    expect(pathWithin(logs, host)).toBeUndefined();
    expect(pathWithin(host, other)).toBeUndefined();
  });

  it('passes ops unchanged to the same directory', () => {
    expect(rebase(ops, host, host)).toBe(ops);
  });

  it('keeps what falls inside a subdirectory mount, relative to it', () => {
    expect(rebase(ops, host, logs)).toEqual([{ op: 'write', path: 'a.log', data: text('a') }]);
  });

  it('prefixes ops for a mount of a parent directory', () => {
    expect(rebase([{ op: 'mkdir', path: 'x' }], logs, host)).toEqual([
      { op: 'mkdir', path: 'var/log/x' },
    ]);
  });

  it('has nothing for unrelated directories, or when nothing is visible', () => {
    expect(rebase(ops, host, other)).toBeUndefined();
    expect(
      rebase([{ op: 'write', path: 'etc/conf', data: text('c') }], host, logs),
    ).toBeUndefined();
  });
});
