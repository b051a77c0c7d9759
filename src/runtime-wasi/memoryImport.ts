/**
 * Moves a module's own linear memory into an import, so that a worker can hand each container a
 * memory it has used before, zeroed, instead of allocating a new one. V8 reserves address space
 * for every new memory and gives it back only in full garbage collections: in a burst of short
 * containers that was most of what a start cost (about 0.2 of 0.25 ms per instance, Node 20).
 * The module behaves the same: same limits, same index, same export; only its bytes move.
 */
import { MEMORY_IMPORT } from './protocol.ts';
import type { MemoryShape } from './protocol.ts';
import { Reader, SEC, appendEntry, leb, readImports, sections, splice } from './wasmBinary.ts';
import type { Payload, Section } from './wasmBinary.ts';

export interface MovedMemory {
  bytes: Uint8Array;
  memory: MemoryShape;
  /**
   * How many bytes later the code section starts than in the given module: subtracted from a
   * trap's offset, so that it points into the module the user wrote.
   */
  codeShift: number;
}

/**
 * The module with its one defined memory turned into the import {@link MEMORY_IMPORT}, or
 * undefined when there is nothing to move: no memory, an imported one, a shared or 64-bit one,
 * or several.
 */
export function importMemory(bytes: Uint8Array): MovedMemory | undefined {
  const secs = sections(bytes);
  const memSec = secs.find((s) => s.id === SEC.memory);
  const importSec = secs.find((s) => s.id === SEC.import);
  if (!memSec || readImports(bytes, importSec).memory) return undefined;
  const r = new Reader(bytes, memSec.payload);
  if (r.u32() !== 1) return undefined;
  const limitsAt = r.pos;
  const { flags, min, max } = r.limits();
  if (flags !== 0 && flags !== 1) return undefined;

  const name = (s: string) => {
    const b = new TextEncoder().encode(s);
    return [...leb(b.length), ...b];
  };
  const entry = [
    ...name(MEMORY_IMPORT.module),
    ...name(MEMORY_IMPORT.name),
    0x02,
    ...bytes.subarray(limitsAt, r.pos),
  ];
  const replace = new Map<Section, Payload>([[memSec, Uint8Array.of(0)]]);
  const insert: [number, Payload][] = [];
  if (importSec) replace.set(importSec, appendEntry(bytes, importSec, entry));
  else insert.push([SEC.import, appendEntry(bytes, undefined, entry)]);
  const out = splice(bytes, secs, replace, insert);

  const codeAt = (b: Uint8Array) => sections(b).find((s) => s.id === SEC.code)?.payload ?? 0;
  return {
    bytes: out,
    memory: { initial: min, maximum: max },
    codeShift: codeAt(out) - codeAt(bytes),
  };
}
