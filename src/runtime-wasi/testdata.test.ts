/**
 * The committed test modules are exactly what their sources build to (testdata/build.sh), so a
 * change to a source cannot silently leave a stale binary behind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { wat } from './testing/wat.ts';

const testdata = fileURLToPath(new URL('./testdata/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'testdata-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const committed = (name: string) => new Uint8Array(readFileSync(join(testdata, name)));
const has = (tool: string) => spawnSync(tool, ['--version']).status === 0;

function build(tool: string, args: string[], out: string): Uint8Array {
  const r = spawnSync(tool, args, { cwd: testdata, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
  return new Uint8Array(readFileSync(out));
}

describe('testdata modules match their sources', () => {
  for (const source of readdirSync(testdata).filter((f) => f.endsWith('.wat'))) {
    it(source, () => {
      const built = wat(readFileSync(join(testdata, source), 'utf8'), ['--debug-names']);
      expect(built).toEqual(committed(source.replace(/\.wat$/, '.wasm')));
    });
  }

  it.runIf(has('clang'))('tool.c (clang + wasi-libc)', () => {
    const out = join(scratch, 'tool.wasm');
    const args = ['--target=wasm32-wasi', '-O2', '-Wall', '-Werror', '-Wl,--strip-all'];
    expect(build('clang', [...args, '-o', out, 'tool.c'], out)).toEqual(committed('tool.wasm'));
  });

  it.runIf(has('/usr/bin/rustc'))(
    'sleep.rs (Debian rustc, wasm32-wasi)',
    () => {
      const out = join(scratch, 'sleep.wasm');
      const args = ['--target', 'wasm32-wasi', '-C', 'opt-level=s', '-C', 'strip=symbols'];
      const built = build(
        '/usr/bin/rustc',
        [...args, '-C', 'debuginfo=0', '-o', out, 'sleep.rs'],
        out,
      );
      expect(built).toEqual(committed('sleep.wasm'));
    },
    60_000,
  );
});
