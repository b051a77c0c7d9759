import { describe, expect, it } from 'vitest';
import { capMemory } from './memoryCap.ts';
import { importMemory } from './memoryImport.ts';
import { MEMORY_IMPORT } from './protocol.ts';
import { loadTestModule } from './testing/contract.ts';
import { wat } from './testing/wat.ts';
import { outcomeOf } from './worker/serve.ts';

const fdWrite = { wasi_snapshot_preview1: { fd_write: () => 0 } };

function trapOf(start: () => void, codeShift = 0): unknown {
  try {
    start();
  } catch (e) {
    return outcomeOf(e, codeShift);
  }
  throw new Error('no trap');
}

describe('importMemory', () => {
  it('turns the defined memory into an import with the same limits, still exported', () => {
    const bytes = wat(`(module
      (memory (export "memory") 2 9)
      (data (i32.const 4) "hi")
      (func (export "peek") (result i32) (i32.load8_u (i32.const 5))))`);
    const moved = importMemory(bytes)!;
    expect(moved.memory).toEqual({ initial: 2, maximum: 9 });
    const module = new WebAssembly.Module(moved.bytes as Uint8Array<ArrayBuffer>);
    expect(WebAssembly.Module.imports(module)).toEqual([
      { module: MEMORY_IMPORT.module, name: MEMORY_IMPORT.name, kind: 'memory' },
    ]);
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 9 });
    const instance = new WebAssembly.Instance(module, {
      [MEMORY_IMPORT.module]: { [MEMORY_IMPORT.name]: memory },
    });
    expect(instance.exports.memory).toBe(memory);
    expect((instance.exports.peek as () => number)()).toBe('i'.charCodeAt(0));
  });

  it('keeps the WASI imports and moves the memory of a capped module too', async () => {
    const capped = capMemory(await loadTestModule('grow'), 64);
    const moved = importMemory(capped.bytes)!;
    expect(moved.memory).toEqual({ initial: 1, maximum: 64 });
    const tool = importMemory(await loadTestModule('tool'))!;
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(tool.bytes as never));
    expect(imports.at(-1)).toEqual({ ...MEMORY_IMPORT, kind: 'memory' });
    expect(imports.slice(0, -1).every((i) => i.module === 'wasi_snapshot_preview1')).toBe(true);
  });

  it('reports how far the code moved, so a trap names the offset in the original', async () => {
    const bytes = await loadTestModule('trap');
    const moved = importMemory(bytes)!;
    expect(moved.codeShift).toBeGreaterThan(0);
    const original = new WebAssembly.Instance(new WebAssembly.Module(bytes as never), fdWrite);
    const rewritten = new WebAssembly.Instance(new WebAssembly.Module(moved.bytes as never), {
      ...fdWrite,
      [MEMORY_IMPORT.module]: { [MEMORY_IMPORT.name]: new WebAssembly.Memory(moved.memory) },
    });
    const expected = trapOf(original.exports._start as () => void);
    expect(expected).toMatchObject({ message: expect.stringMatching(/:0x[0-9a-f]+\)$/) });
    expect(trapOf(rewritten.exports._start as () => void, moved.codeShift)).toEqual(expected);
  });

  it('leaves modules without a memory of their own, or with a shared one, alone', () => {
    expect(importMemory(wat('(module (func))'))).toBeUndefined();
    expect(importMemory(wat('(module (import "env" "memory" (memory 1)))'))).toBeUndefined();
    expect(importMemory(wat('(module (memory 1 1 shared))', ['--enable-threads']))).toBeUndefined();
  });
});
