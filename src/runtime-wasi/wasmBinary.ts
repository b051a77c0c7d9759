/**
 * Just enough of the WebAssembly binary format for the runtime: sections, LEB128 integers, the
 * declared linear memory, and a writer that splices sections into a copy of a module.
 */
import { concatBytes } from './bytes.ts';

export const PAGE_BYTES = 65_536;
/** wasm32 can address at most 65,536 pages (4 GiB). */
export const MAX_PAGES_32 = 65_536;
export class WasmFormatError extends Error {
  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.name = 'WasmFormatError';
  }
}

export interface MemoryDecl {
  min: number;
  max: number | undefined;
  imported: boolean;
  shared: boolean;
  is64: boolean;
}

export interface Section {
  id: number;
  /** Start of the section header (the id byte). */
  start: number;
  /** Start and end of the payload. */
  payload: number;
  end: number;
}

export const SEC = {
  custom: 0,
  type: 1,
  import: 2,
  func: 3,
  memory: 5,
  global: 6,
  export: 7,
  code: 10,
};
// The position of each known section id in the required order (tag 13 sits between memory and
// global, datacount 12 between element and code).
const ORDER: Record<number, number> = {
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  13: 5.5,
  6: 6,
  7: 7,
  8: 8,
  9: 9,
  12: 9.5,
  10: 10,
  11: 11,
};

export class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {}

  u8(): number {
    const b = this.bytes[this.pos];
    if (b === undefined) throw new WasmFormatError('unexpected end of module', this.pos);
    this.pos++;
    return b;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.u8();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new WasmFormatError('LEB128 integer too long', this.pos);
    }
  }

  /** Skips a signed or unsigned LEB128 of any width. */
  skipLeb(): void {
    let n = 0;
    while (this.u8() & 0x80) {
      if (++n > 10) throw new WasmFormatError('LEB128 integer too long', this.pos);
    }
  }

  skip(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new WasmFormatError('unexpected end of module', this.pos);
    }
    this.pos += n;
  }

  skipName(): void {
    this.skip(this.u32());
  }

  /** Reads table/memory limits. */
  limits(): { flags: number; min: number; max: number | undefined } {
    const flags = this.u8();
    const min = this.u32();
    const max = flags & 1 ? this.u32() : undefined;
    return { flags, min, max };
  }
}

export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

/** Accumulates output without spreading large arrays into argument lists. */
export class Writer {
  readonly #chunks: Uint8Array[] = [];
  length = 0;

  bytes(b: Uint8Array | number[]): this {
    const chunk = b instanceof Uint8Array ? b : Uint8Array.from(b);
    this.#chunks.push(chunk);
    this.length += chunk.length;
    return this;
  }

  finish(): Uint8Array {
    return concatBytes(this.#chunks, this.length);
  }
}

export function sections(bytes: Uint8Array): Section[] {
  const magic = [0x00, 0x61, 0x73, 0x6d];
  if (bytes.length < 8 || magic.some((m, i) => bytes[i] !== m)) {
    throw new WasmFormatError('not a WebAssembly module (bad magic number)', 0);
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new WasmFormatError('not a WebAssembly core module version 1', 4);
  }
  const r = new Reader(bytes, 8);
  const out: Section[] = [];
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.u8();
    const size = r.u32();
    const payload = r.pos;
    r.skip(size);
    out.push({ id, start, payload, end: r.pos });
  }
  return out;
}

export interface ImportCounts {
  funcs: number;
  globals: number;
  memory: MemoryDecl | undefined;
}

export function readImports(bytes: Uint8Array, sec: Section | undefined): ImportCounts {
  const counts: ImportCounts = { funcs: 0, globals: 0, memory: undefined };
  if (!sec) return counts;
  const r = new Reader(bytes, sec.payload);
  for (let n = r.u32(); n > 0; n--) {
    r.skipName();
    r.skipName();
    const kind = r.u8();
    if (kind === 0) {
      r.u32();
      counts.funcs++;
    } else if (kind === 1) {
      r.skipLeb();
      r.limits();
    } else if (kind === 2) {
      const { flags, min, max } = r.limits();
      counts.memory ??= {
        min,
        max,
        imported: true,
        shared: (flags & 2) !== 0,
        is64: (flags & 4) !== 0,
      };
    } else if (kind === 3) {
      r.skipLeb();
      r.u8();
      counts.globals++;
    } else if (kind === 4) {
      r.u8();
      r.u32();
    } else {
      throw new WasmFormatError(`unknown import kind ${kind}`, r.pos - 1);
    }
  }
  return counts;
}

export function count(bytes: Uint8Array, sec: Section | undefined): number {
  return sec ? new Reader(bytes, sec.payload).u32() : 0;
}

/** The module's first linear memory as declared (imported or defined), if it has one. */
export function readMemory(bytes: Uint8Array): MemoryDecl | undefined {
  const secs = sections(bytes);
  const imported = readImports(
    bytes,
    secs.find((s) => s.id === SEC.import),
  ).memory;
  if (imported) return imported;
  const mem = secs.find((s) => s.id === SEC.memory);
  if (!mem) return undefined;
  const r = new Reader(bytes, mem.payload);
  if (r.u32() === 0) return undefined;
  const { flags, min, max } = r.limits();
  return { min, max, imported: false, shared: (flags & 2) !== 0, is64: (flags & 4) !== 0 };
}

export type Payload = Uint8Array;

/**
 * Copies the module with some section payloads replaced and new sections inserted at the place
 * the binary format's section order requires.
 */
export function splice(
  bytes: Uint8Array,
  secs: Section[],
  replace: Map<Section, Payload>,
  insert: [id: number, payload: Payload][] = [],
): Uint8Array {
  const out = new Writer().bytes(bytes.subarray(0, 8));
  const pending = [...insert];
  const emit = (id: number, payload: Payload) => {
    out.bytes([id, ...leb(payload.length)]).bytes(payload);
  };
  const flushBefore = (rank: number) => {
    for (let i = 0; i < pending.length;) {
      const [id, payload] = pending[i]!;
      if (ORDER[id]! < rank) {
        emit(id, payload);
        pending.splice(i, 1);
      } else i++;
    }
  };
  for (const sec of secs) {
    if (sec.id !== SEC.custom) flushBefore(ORDER[sec.id] ?? 0);
    const replacement = replace.get(sec);
    if (replacement) emit(sec.id, replacement);
    else out.bytes(bytes.subarray(sec.start, sec.end));
  }
  flushBefore(Infinity);
  return out.finish();
}

/** A vector section's payload with one more entry; a new one-entry vector when absent. */
export function appendEntry(bytes: Uint8Array, sec: Section | undefined, entry: number[]): Payload {
  if (!sec) return Uint8Array.from([1, ...entry]);
  const r = new Reader(bytes, sec.payload);
  const n = r.u32();
  return new Writer()
    .bytes(leb(n + 1))
    .bytes(bytes.subarray(r.pos, sec.end))
    .bytes(entry)
    .finish();
}
