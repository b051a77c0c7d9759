import { describe, expect, it } from 'vitest';
import { wat } from './testing/wat.ts';
import { WasmFormatError, readMemory } from './wasmBinary.ts';

const growable = wat(`(module
  (memory (export "memory") 2)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);

describe('readMemory', () => {
  it('reads a defined memory with and without a maximum', () => {
    expect(readMemory(growable)).toEqual({
      min: 2,
      max: undefined,
      imported: false,
      shared: false,
      is64: false,
    });
    expect(readMemory(wat('(module (memory 3 7))'))).toMatchObject({
      min: 3,
      max: 7,
      imported: false,
    });
  });

  it('reads an imported memory', () => {
    expect(readMemory(wat('(module (import "env" "memory" (memory 4 9)))'))).toMatchObject({
      min: 4,
      max: 9,
      imported: true,
    });
  });

  it('returns undefined for a module without memory', () => {
    expect(readMemory(wat('(module (func))'))).toBeUndefined();
  });

  it('names the problem and the byte for something that is not a module', () => {
    expect(() => readMemory(new TextEncoder().encode('hello world'))).toThrow(
      new WasmFormatError('not a WebAssembly module (bad magic number)', 0),
    );
    const truncated = growable.slice(0, growable.length - 3);
    expect(() => readMemory(truncated)).toThrow(/unexpected end of module at byte \d+/);
  });
});
