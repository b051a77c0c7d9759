// The module's arguments, read from WASI directly. The wasi-shim's `process.argv` calls args_get
// even when there are no arguments, and node:wasi answers that call with EINVAL (the shim then
// aborts). An empty argv is ordinary here: a container with neither `command` nor `args` gets
// one (Krustlet passed `args` alone). This skips args_get when there is nothing to get.
import { args_get, args_sizes_get } from 'bindings/wasi_snapshot_preview1';

export function programArgs(module: string): string[] {
  const sizes = memory.data(8);
  if (args_sizes_get(sizes, sizes + 4) != 0) fail(module, 'args_sizes_get');
  const count = load<u32>(sizes);
  const size = load<u32>(sizes, 4);
  const args = new Array<string>(0);
  if (count == 0) return args;
  const pointers = heap.alloc(<usize>count * sizeof<usize>());
  const buffer = heap.alloc(<usize>size);
  if (args_get(pointers, buffer) != 0) fail(module, 'args_get');
  for (let i: u32 = 0; i < count; i++) {
    const start = load<usize>(pointers + <usize>i * sizeof<usize>());
    args.push(String.UTF8.decodeUnsafe(start, buffer + size - start, true));
  }
  heap.free(pointers);
  heap.free(buffer);
  return args;
}

function fail(module: string, call: string): void {
  process.stderr.write(module + ': cannot read the arguments (' + call + ' failed)\n');
  process.exit(71);
}
