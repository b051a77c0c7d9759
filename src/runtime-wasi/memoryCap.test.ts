import { describe, expect, it } from 'vitest';
import { GROW_FAILED_EXPORT, capMemory } from './memoryCap.ts';
import { loadTestModule } from './testing/contract.ts';
import { wat } from './testing/wat.ts';
import { readMemory } from './wasmBinary.ts';

/** Instantiates a capped module with no imports and returns its exports. */
async function instantiate(bytes: Uint8Array): Promise<WebAssembly.Exports> {
  const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, {});
  return instance.exports;
}

const flag = (exports: WebAssembly.Exports) =>
  (exports[GROW_FAILED_EXPORT] as WebAssembly.Global).value;
const pages = (exports: WebAssembly.Exports) =>
  (exports.memory as WebAssembly.Memory).buffer.byteLength / 65_536;

const growable = wat(`(module
  (memory (export "memory") 2)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);

describe('capMemory', () => {
  it('caps the maximum and lets memory.grow fail past it, setting the flag', async () => {
    const capped = capMemory(growable, 5);
    expect(capped.growFlag).toBe(GROW_FAILED_EXPORT);
    expect(readMemory(capped.bytes)).toMatchObject({ min: 2, max: 5 });
    const exports = await instantiate(capped.bytes);
    const grow = exports.grow as (n: number) => number;
    expect(grow(3)).toBe(2);
    expect(flag(exports)).toBe(0);
    expect(grow(1)).toBe(-1);
    expect(pages(exports)).toBe(5);
    expect(flag(exports)).toBe(1);
  });

  it('keeps a lower maximum the module declared', () => {
    expect(readMemory(capMemory(wat('(module (memory 1 3) (func))'), 10).bytes)).toMatchObject({
      max: 3,
    });
  });

  it('adds the global and export sections a module lacks, in section order', async () => {
    const bare = wat(`(module (memory 1) (func (drop (memory.grow (i32.const 1)))) (start 0))`);
    const capped = capMemory(bare, 1);
    const exports = await instantiate(capped.bytes);
    expect(flag(exports)).toBe(1);
  });

  it('walks bulk-memory, SIMD, br_table and constant instructions to find every grow', async () => {
    const busy = wat(`(module
      (memory (export "memory") 1)
      (global $g (mut i64) (i64.const -1234567890123))
      (func (export "run") (param $n i32) (result i32)
        (memory.fill (i32.const 0) (i32.const 7) (i32.const 16))
        (memory.copy (i32.const 32) (i32.const 0) (i32.const 16))
        (v128.store (i32.const 64)
          (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
            (v128.const i32x4 1 2 3 4) (v128.load offset=8 align=4 (i32.const 0))))
        (drop (i32x4.extract_lane 2 (v128.const i32x4 1 2 3 4)))
        (drop (f64.add (f64.const 1.5) (f64.promote_f32 (f32.const 2.5))))
        (block $a (block $b (br_table $a $b (local.get $n))))
        (memory.grow (local.get $n))))`);
    const exports = await instantiate(capMemory(busy, 3).bytes);
    const run = exports.run as (n: number) => number;
    expect(run(1)).toBe(1);
    expect(flag(exports)).toBe(0);
    expect(run(5)).toBe(-1);
    expect(flag(exports)).toBe(1);
  });

  it('instruments what real toolchains emit (C with wasi-libc, Rust std)', async () => {
    for (const name of ['tool', 'sleep']) {
      const bytes = await loadTestModule(name);
      const capped = capMemory(bytes, 100);
      expect(capped.growFlag, name).toBe(GROW_FAILED_EXPORT);
      await expect(
        WebAssembly.compile(capped.bytes as Uint8Array<ArrayBuffer>),
      ).resolves.toBeInstanceOf(WebAssembly.Module);
    }
  });

  it('caps without the hook when the code uses instructions it does not know', () => {
    // The body `local.get 0; memory.grow 0; end`, with the grow turned into 0xfb (GC prefix).
    const bytes = growable.slice();
    const body = [0x20, 0x00, 0x40, 0x00, 0x0b];
    const at = bytes.findIndex((_, i) => body.every((b, j) => bytes[i + j] === b));
    expect(at).toBeGreaterThan(0);
    bytes[at + 2] = 0xfb;
    const capped = capMemory(bytes, 4);
    expect(capped.growFlag).toBeUndefined();
    expect(readMemory(capped.bytes)).toMatchObject({ min: 2, max: 4 });
  });

  it('refuses a module that defines no memory', () => {
    expect(() => capMemory(wat('(module (func))'), 4)).toThrow(
      'the module defines no linear memory to cap',
    );
  });
});
