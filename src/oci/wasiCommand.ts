/**
 * Whether bytes are a WASI command a container can run: valid WebAssembly, a `_start` entry, its
 * memory exported, and imports only from `wasi_snapshot_preview1` (all the runtime provides).
 * A dropped file that is none of these is refused with the reason, before it becomes an image.
 */

export class ModuleRejectedError extends Error {
  override name = 'ModuleRejectedError';
}

const WASI = 'wasi_snapshot_preview1';

export function hasWasmMagic(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 8 &&
    bytes[0] === 0 &&
    bytes[1] === 0x61 &&
    bytes[2] === 0x73 &&
    bytes[3] === 0x6d
  );
}

/**
 * Resolves when `bytes` are a runnable WASI command.
 * @throws ModuleRejectedError saying what is wrong, naming the module as `label`.
 */
export async function checkWasiCommand(label: string, bytes: Uint8Array): Promise<void> {
  const fail = (why: string) => new ModuleRejectedError(`module ${JSON.stringify(label)} ${why}`);
  if (!hasWasmMagic(bytes)) {
    throw fail('is not a WebAssembly module: it does not start with the magic bytes "\\0asm"');
  }
  const version = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
  if (version !== 1) {
    throw fail(`is WebAssembly binary format version ${version}; only version 1 runs here`);
  }
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes as BufferSource);
  } catch (e) {
    throw fail(`is not valid WebAssembly: ${e instanceof Error ? e.message : String(e)}`);
  }
  const exports = WebAssembly.Module.exports(module);
  const start = exports.find((x) => x.name === '_start');
  if (!start || start.kind !== 'function') {
    throw fail(
      exports.some((x) => x.name === '_initialize')
        ? 'is a WASI reactor (it exports _initialize), not a command: a container needs a _start function to run'
        : 'exports no _start function: a container needs a WASI command (a program with a main), built for wasm32-wasi',
    );
  }
  if (!exports.some((x) => x.name === 'memory' && x.kind === 'memory')) {
    throw fail('exports no memory named "memory": WASI reads and writes through it');
  }
  const foreign = WebAssembly.Module.imports(module).filter((i) => i.module !== WASI);
  if (foreign.length > 0) {
    const list = foreign
      .slice(0, 3)
      .map((i) => `"${i.module}"."${i.name}"`)
      .join(', ');
    const more = foreign.length > 3 ? ` and ${foreign.length - 3} more` : '';
    throw fail(
      `imports ${list}${more}, which no WASI host provides: only ${WASI} imports can be satisfied`,
    );
  }
}
