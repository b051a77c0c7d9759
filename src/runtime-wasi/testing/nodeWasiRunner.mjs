// Runs one WASI module under Node's own node:wasi, for the differential test. Run it as
//   node --no-turbo-fast-api-calls --no-warnings nodeWasiRunner.mjs '<json>'
// with {"wasm": path, "args": [...], "env": [[name, value], ...], "preopens": {guest: host}}.
// (node:wasi on Node 20.20 can segfault under repeated instantiation without that flag.)
// Traps exit 134, as in the runtime under test (wasmtime's convention), printing nothing.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';

const spec = JSON.parse(process.argv[2]);
const wasi = new WASI({
  version: 'preview1',
  args: spec.args,
  env: Object.fromEntries(spec.env),
  preopens: spec.preopens,
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(spec.wasm));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
let code;
try {
  code = wasi.start(instance);
} catch (e) {
  if (!(e instanceof WebAssembly.RuntimeError)) throw e;
  code = 134;
}
process.exitCode = code & 0xff;
