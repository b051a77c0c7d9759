import { describe, expect, it } from 'vitest';
import { isAllocationFailure } from './serve.ts';

describe('isAllocationFailure', () => {
  it("recognises V8's failure to reserve a new instance's memory, and nothing else", () => {
    expect(
      isAllocationFailure(
        new RangeError(
          'WebAssembly.Instance(): Out of memory: Cannot allocate Wasm memory for new instance',
        ),
      ),
    ).toBe(true);
    expect(isAllocationFailure(new RangeError('Maximum call stack size exceeded'))).toBe(false);
    expect(isAllocationFailure(new WebAssembly.LinkError('import "env"."x" missing'))).toBe(false);
    expect(isAllocationFailure('Out of memory')).toBe(false);
  });
});
