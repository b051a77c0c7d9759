/**
 * Compiled modules, by digest. Each image is compiled once on the host and the
 * WebAssembly.Module is posted to whichever worker runs it. A container with a memory limit
 * below what the module could grow to runs a rewritten copy whose memory cannot pass the limit;
 * that copy is compiled once per (digest, limit in pages).
 */
import type { PulledImage } from '../kubelet-core/ports.ts';
import { oomBeforeStart, startError } from './exitStatus.ts';
import type { MemoryCap, Termination } from './exitStatus.ts';
import { capMemory } from './memoryCap.ts';
import { importMemory } from './memoryImport.ts';
import { MEMORY_IMPORT } from './protocol.ts';
import type { MemoryShape } from './protocol.ts';
import { MAX_PAGES_32, PAGE_BYTES, readMemory } from './wasmBinary.ts';
import type { MemoryDecl } from './wasmBinary.ts';

/** Where module bytes come from: the image store (src/oci) or anything shaped like it. */
export interface ModuleBytes {
  moduleBytes(digest: string): Uint8Array | undefined;
}

export interface Prepared {
  module: WebAssembly.Module;
  /** The export holding the grow-failed flag, in a module rewritten for a memory limit. */
  growFlag: string | undefined;
  /** Set when the run must be checked for an out-of-memory death. */
  cap: MemoryCap | undefined;
  /** The memory the worker passes in, when the module's own was moved to an import. */
  memory: MemoryShape | undefined;
  /** Bytes the code moved when the memory did (see importMemory). */
  codeShift: number;
}

export type Preparation = { ok: true; prepared: Prepared } | { ok: false; failure: Termination };

interface Compiled {
  module: WebAssembly.Module;
  /** The memory as the image declares it. */
  memory: MemoryDecl | undefined;
  growFlag: string | undefined;
  moved: MemoryShape | undefined;
  codeShift: number;
}

type Compilation = { ok: true; compiled: Compiled } | { ok: false; failure: Termination };

interface Source {
  bytes: Uint8Array;
  growFlag?: string;
}

const WASI = 'wasi_snapshot_preview1';

export class ModuleCache {
  readonly #compiled = new Map<string, Promise<Compilation>>();

  constructor(private readonly images: ModuleBytes) {}

  /** Number of compiled variants held (one per digest, plus one per digest and memory cap). */
  get size(): number {
    return this.#compiled.size;
  }

  /** The module to run for `image` under `memoryLimitBytes`, or why it cannot start. */
  async prepare(image: PulledImage, memoryLimitBytes?: number): Promise<Preparation> {
    const base = await this.#compile(image.digest, () => ({ bytes: this.#bytes(image) }));
    if (!base.ok) return base;
    const { memory } = base.compiled;
    const plain: Preparation = { ok: true, prepared: prepared(base.compiled, undefined) };
    if (memoryLimitBytes === undefined || !memory || memory.imported || memory.is64) return plain;
    const capPages = Math.floor(memoryLimitBytes / PAGE_BYTES);
    if (memory.min > capPages) {
      return { ok: false, failure: oomBeforeStart(memoryLimitBytes, memory.min) };
    }
    // The module's own maximum already keeps it inside the limit, or the limit is beyond wasm32.
    if ((memory.max !== undefined && memory.max <= capPages) || capPages >= MAX_PAGES_32) {
      return plain;
    }
    const capped = await this.#compile(`${image.digest}@${capPages}`, () =>
      capMemory(this.#bytes(image), capPages),
    );
    if (!capped.ok) return capped;
    const hooked = capped.compiled.growFlag !== undefined;
    const cap = { limitBytes: memoryLimitBytes, capPages, hooked };
    return { ok: true, prepared: prepared(capped.compiled, cap) };
  }

  #bytes(image: PulledImage): Uint8Array {
    const bytes = this.images.moduleBytes(image.digest);
    if (!bytes)
      throw new Error(`image ${image.image} (${image.digest}) is not present on the node`);
    return bytes;
  }

  #compile(key: string, source: () => Source): Promise<Compilation> {
    const cached = this.#compiled.get(key);
    if (cached) return cached;
    let src: Source;
    try {
      src = source();
    } catch (e) {
      // Not remembered: the image may be pulled by the next start.
      return Promise.resolve({ ok: false, failure: startError(message(e)) });
    }
    const pending = compile(src);
    this.#compiled.set(key, pending);
    return pending;
  }
}

function prepared(c: Compiled, cap: MemoryCap | undefined): Prepared {
  const { module, growFlag, moved, codeShift } = c;
  return { module, growFlag, cap, memory: moved, codeShift };
}

async function compile(src: Source): Promise<Compilation> {
  // Bytes the format reader cannot follow go to the engine as they are, for its own message.
  let moved: ReturnType<typeof importMemory>;
  try {
    moved = importMemory(src.bytes);
  } catch {
    moved = undefined;
  }
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile((moved?.bytes ?? src.bytes) as Uint8Array<ArrayBuffer>);
  } catch (first) {
    // The engine's message about the image's own bytes, with offsets that point into them.
    try {
      if (!moved) throw first;
      module = await WebAssembly.compile(src.bytes as Uint8Array<ArrayBuffer>);
      moved = undefined;
    } catch (e) {
      return { ok: false, failure: startError(`failed to compile module: ${message(e)}`) };
    }
  }
  const ours = (i: WebAssembly.ModuleImportDescriptor) =>
    moved !== undefined && i.module === MEMORY_IMPORT.module && i.name === MEMORY_IMPORT.name;
  const foreign = WebAssembly.Module.imports(module).find(
    (i) => (i.module !== WASI || i.kind !== 'function') && !ours(i),
  );
  if (foreign) {
    return {
      ok: false,
      failure: startError(
        `failed to link module: it imports ${foreign.kind} "${foreign.module}" "${foreign.name}", ` +
          `but the playground provides only WASI preview 1 functions (${WASI})`,
      ),
    };
  }
  const compiled: Compiled = {
    module,
    memory: readMemory(src.bytes),
    growFlag: src.growFlag,
    moved: moved?.memory,
    codeShift: moved?.codeShift ?? 0,
  };
  return { ok: true, compiled };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
