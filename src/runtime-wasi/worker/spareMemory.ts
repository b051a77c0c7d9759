/**
 * The linear memory a worker keeps between containers (see memoryImport.ts). A container gets it
 * only as a fresh process would see a new one: zeroed, of the initial size (a memory that grew
 * is never reused: it cannot shrink), with the same maximum.
 */
import type { MemoryShape } from '../protocol.ts';

const PAGE_BYTES = 65_536;
/**
 * Larger memories are not kept: zeroing costs about 10 µs per MiB and keeps every page resident,
 * while the engine maps a new memory's pages lazily. 2 MiB holds C's (2 pages) and Rust's
 * (17 pages) usual initial memories.
 */
export const MAX_SPARE_BYTES = 2 * 2 ** 20;

export class SpareMemory {
  #spare: { memory: WebAssembly.Memory; shape: MemoryShape } | undefined;

  /** A zeroed memory of `shape`: the spare one if it fits, else a new one. */
  take(shape: MemoryShape): WebAssembly.Memory {
    const spare = this.#spare;
    this.#spare = undefined;
    if (spare && spare.shape.initial === shape.initial && spare.shape.maximum === shape.maximum) {
      return spare.memory;
    }
    const { initial, maximum } = shape;
    return new WebAssembly.Memory(maximum === undefined ? { initial } : { initial, maximum });
  }

  /** Takes back a memory nothing will touch again; it is wiped now, not when next handed out. */
  give(memory: WebAssembly.Memory, shape: MemoryShape): void {
    const bytes = shape.initial * PAGE_BYTES;
    if (bytes > MAX_SPARE_BYTES || memory.buffer.byteLength !== bytes) return;
    new Uint8Array(memory.buffer).fill(0);
    this.#spare = { memory, shape };
  }
}
