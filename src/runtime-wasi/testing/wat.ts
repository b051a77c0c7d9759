/** Compiles WebAssembly text with Debian's wat2wasm, for tests that build modules inline. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function wat(source: string, flags: string[] = []): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'wat-'));
  try {
    writeFileSync(join(dir, 'm.wat'), source);
    execFileSync('wat2wasm', [...flags, join(dir, 'm.wat'), '-o', join(dir, 'm.wasm')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return new Uint8Array(readFileSync(join(dir, 'm.wasm')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
