import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasiCommand } from './testing/fixtures.ts';
import { checkWasiCommand, ModuleRejectedError } from './wasiCommand.ts';

const testdata = (name: string) =>
  new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, '../runtime-wasi/testdata', name)));
const builtin = (name: string) => {
  const index = JSON.parse(
    fs.readFileSync(path.join(import.meta.dirname, '../../public/modules/index.json'), 'utf8'),
  ) as { modules: { name: string; layerDigest: string }[] };
  const m = index.modules.find((x) => x.name === name)!;
  const hex = m.layerDigest.slice('sha256:'.length);
  return new Uint8Array(
    fs.readFileSync(
      path.join(import.meta.dirname, `../../public/modules/v2/${name}/blobs/sha256:${hex}`),
    ),
  );
};

async function rejection(bytes: Uint8Array): Promise<string> {
  try {
    await checkWasiCommand('x', bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(ModuleRejectedError);
    return (e as Error).message;
  }
  throw new Error('accepted');
}

describe('checkWasiCommand', () => {
  it('accepts WASI commands: the built-in modules and a minimal one', async () => {
    for (const name of ['hello', 'hello-world', 'crasher', 'ticker']) {
      await expect(checkWasiCommand(name, builtin(name))).resolves.toBeUndefined();
    }
    await expect(checkWasiCommand('min', wasiCommand('min'))).resolves.toBeUndefined();
  });

  it('refuses a file that is not WebAssembly', async () => {
    expect(await rejection(new TextEncoder().encode('#!/bin/sh\necho hi\n'))).toBe(
      'module "x" is not a WebAssembly module: it does not start with the magic bytes "\\0asm"',
    );
  });

  it('refuses another binary format version', async () => {
    const bytes = wasiCommand('v');
    bytes[4] = 0x0d;
    expect(await rejection(bytes)).toBe(
      'module "x" is WebAssembly binary format version 13; only version 1 runs here',
    );
  });

  it("refuses a module that does not validate, with the engine's reason", async () => {
    const bytes = wasiCommand('broken').slice(0, 30);
    expect(await rejection(bytes)).toMatch(/^module "x" is not valid WebAssembly: .+/);
  });

  it('refuses a reactor and a module without _start', async () => {
    expect(await rejection(testdata('no-start.wasm'))).toBe(
      'module "x" exports no _start function: a container needs a WASI command (a program with a main), built for wasm32-wasi',
    );
  });

  it('refuses imports no WASI host provides, naming them', async () => {
    expect(await rejection(testdata('link-error.wasm'))).toBe(
      'module "x" imports "env"."missing", which no WASI host provides: only wasi_snapshot_preview1 imports can be satisfied',
    );
  });
});
