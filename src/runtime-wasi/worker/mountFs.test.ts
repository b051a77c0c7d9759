import { wasi } from '@bjorn3/browser_wasi_shim';
import type { Fd } from '@bjorn3/browser_wasi_shim';
import { describe, expect, it } from 'vitest';
import { MemDir } from '../../kube/memfs.ts';
import { snapshot } from '../fsSync.ts';
import type { MountOpenFile } from './mountFs.ts';
import { Mount } from './mountFs.ts';

const text = (s: string) => new TextEncoder().encode(s);
const READ = BigInt(wasi.RIGHTS_FD_READ);
const WRITE = BigInt(wasi.RIGHTS_FD_WRITE) | READ;

function mount(files: Record<string, string> = {}, readOnly = false) {
  const dir = new MemDir();
  for (const [path, content] of Object.entries(files)) dir.writeFile(path, content);
  const changes = { dirty: false };
  const m = new Mount({ path: '/data', readOnly, tree: snapshot(dir) }, changes);
  const open = (path: string, oflags = 0, rights = READ, fdflags = 0) =>
    m.preopen.path_open(0, path, oflags, rights, 0n, fdflags);
  const write = (path: string, data: string, oflags = wasi.OFLAGS_CREAT | wasi.OFLAGS_TRUNC) => {
    const { ret, fd_obj } = open(path, oflags, WRITE);
    expect(ret).toBe(wasi.ERRNO_SUCCESS);
    return (fd_obj as Fd).fd_write(text(data));
  };
  const read = (path: string) => {
    const { fd_obj } = open(path);
    return new TextDecoder().decode((fd_obj as Fd).fd_read(1000).data);
  };
  return { m, changes, open, write, read };
}

describe('Mount.collect', () => {
  it('reports nothing for an untouched mount', () => {
    const { m, changes, read } = mount({ 'a.txt': 'a' });
    expect(read('a.txt')).toBe('a');
    expect(changes.dirty).toBe(false);
    expect(m.collect()).toEqual([]);
  });

  it('reports created and written files whole, once', () => {
    const { m, changes, write } = mount({ 'a.txt': 'a' });
    write('a.txt', 'changed');
    write('b.txt', 'new');
    expect(changes.dirty).toBe(true);
    expect(m.collect()).toEqual([
      { op: 'write', path: 'a.txt', data: text('changed') },
      { op: 'write', path: 'b.txt', data: text('new') },
    ]);
    expect(m.collect()).toEqual([]);
  });

  it('reports directories before their files, and one removal for a removed tree', () => {
    const { m } = mount({ 'old/x': 'x', 'old/y/z': 'z' });
    expect(m.preopen.path_create_directory('sub')).toBe(wasi.ERRNO_SUCCESS);
    const { fd_obj } = m.preopen.path_open(0, 'sub/f', wasi.OFLAGS_CREAT, WRITE, 0n, 0);
    (fd_obj as Fd).fd_write(text('f'));
    expect(m.preopen.path_unlink_file('old/y/z')).toBe(wasi.ERRNO_SUCCESS);
    expect(m.preopen.path_remove_directory('old/y')).toBe(wasi.ERRNO_SUCCESS);
    expect(m.preopen.path_unlink_file('old/x')).toBe(wasi.ERRNO_SUCCESS);
    expect(m.preopen.path_remove_directory('old')).toBe(wasi.ERRNO_SUCCESS);
    expect(m.collect()).toEqual([
      { op: 'remove', path: 'old' },
      { op: 'mkdir', path: 'sub' },
      { op: 'write', path: 'sub/f', data: text('f') },
    ]);
  });

  it('reports a rename as a removal and a write', () => {
    const { m } = mount({ 'from.txt': 'moving' });
    const { inode_obj } = m.preopen.path_unlink('from.txt');
    expect(m.preopen.path_link('to.txt', inode_obj!, false)).toBe(wasi.ERRNO_SUCCESS);
    expect(m.collect()).toEqual([
      { op: 'remove', path: 'from.txt' },
      { op: 'write', path: 'to.txt', data: text('moving') },
    ]);
  });
});

describe('read-only mounts', () => {
  const { m, open, read } = mount({ cfg: 'x=1', 'dir/f': 'f' }, true);

  it('refuse every write with EROFS', () => {
    expect(open('cfg', 0, WRITE).ret).toBe(wasi.ERRNO_ROFS);
    expect(open('cfg', wasi.OFLAGS_TRUNC).ret).toBe(wasi.ERRNO_ROFS);
    expect(open('new', wasi.OFLAGS_CREAT, WRITE).ret).toBe(wasi.ERRNO_ROFS);
    expect(m.preopen.path_create_directory('sub')).toBe(wasi.ERRNO_ROFS);
    expect(m.preopen.path_unlink_file('cfg')).toBe(wasi.ERRNO_ROFS);
    expect(m.preopen.path_remove_directory('dir')).toBe(wasi.ERRNO_ROFS);
    expect(m.preopen.path_unlink('cfg').ret).toBe(wasi.ERRNO_ROFS);
  });

  it('still read', () => {
    expect(read('cfg')).toBe('x=1');
    expect(read('dir/f')).toBe('f');
    expect(m.collect()).toEqual([]);
  });
});

describe('file descriptors', () => {
  it('honour the rights they were opened with', () => {
    const { open } = mount({ 'a.txt': 'a' });
    const fd = open('a.txt').fd_obj as MountOpenFile;
    expect(fd.fd_write(text('x')).ret).toBe(wasi.ERRNO_BADF);
    expect(fd.fd_filestat_set_size(0n)).toBe(wasi.ERRNO_BADF);
    expect(fd.fd_fdstat_get().fdstat?.fs_rights_base).toBe(READ);
  });

  it('in append mode write at the end whatever the position', () => {
    const { open, read } = mount({ log: 'one\n' });
    const fd = open('log', 0, WRITE, wasi.FDFLAGS_APPEND).fd_obj as MountOpenFile;
    fd.fd_seek(0n, wasi.WHENCE_SET);
    fd.fd_write(text('two\n'));
    expect(read('log')).toBe('one\ntwo\n');
  });

  it('a directory passes write rights on, so wasi-libc asks for them', () => {
    const { m } = mount();
    expect(m.preopen.fd_fdstat_get().fdstat?.fs_rights_inherited).toBeGreaterThan(0n);
  });
});

describe('Mount.apply', () => {
  it("applies another container's changes in place, without echoing them back", () => {
    const { m, open, read } = mount({ shared: 'old', gone: 'g' });
    const fd = open('shared').fd_obj as Fd;
    m.apply([
      { op: 'write', path: 'shared', data: text('new') },
      { op: 'mkdir', path: 'd' },
      { op: 'write', path: 'd/e/f', data: text('deep') },
      { op: 'remove', path: 'gone' },
    ]);
    expect(new TextDecoder().decode(fd.fd_read(100).data)).toBe('new');
    expect(read('d/e/f')).toBe('deep');
    expect(open('gone').ret).toBe(wasi.ERRNO_NOENT);
    expect(m.collect()).toEqual([]);
  });

  it('leaves later local changes to be reported', () => {
    const { m, write } = mount();
    m.apply([{ op: 'write', path: 'f', data: text('theirs') }]);
    write('f', 'mine');
    expect(m.collect()).toEqual([{ op: 'write', path: 'f', data: text('mine') }]);
  });
});
