/**
 * Enforces a memory limit before a module is instantiated: the module's memory maximum is capped,
 * and every `memory.grow` is routed through a small added function that records a failed grow in
 * an exported global. A failed grow followed by the module's death is how the runtime tells
 * OOMKilled from an ordinary crash.
 */
import {
  Reader,
  SEC,
  Writer,
  appendEntry,
  count,
  leb,
  readImports,
  sections,
  splice,
} from './wasmBinary.ts';
import type { Payload, Section } from './wasmBinary.ts';
import { UnknownInstruction, findGrows, skipLocals } from './wasmCode.ts';

/** The exported i32 global that is 1 once a `memory.grow` has failed. */
export const GROW_FAILED_EXPORT = '__kubelet_playground_grow_failed';

export interface CappedModule {
  bytes: Uint8Array;
  /** The export to read after a run, or undefined when the code could not be instrumented. */
  growFlag: string | undefined;
}

/**
 * Rewrites a module so that its defined memory cannot grow past `capPages`, and so that a failed
 * `memory.grow` sets the exported global {@link GROW_FAILED_EXPORT}. Modules whose code uses
 * instructions this reader does not know keep the cap but lose the hook.
 */
export function capMemory(bytes: Uint8Array, capPages: number): CappedModule {
  const secs = sections(bytes);
  const memSec = secs.find((s) => s.id === SEC.memory);
  if (!memSec) throw new Error('the module defines no linear memory to cap');
  const memory = rewriteMemory(bytes, memSec, capPages);
  try {
    return { bytes: addGrowHook(bytes, secs, memSec, memory), growFlag: GROW_FAILED_EXPORT };
  } catch (e) {
    if (!(e instanceof UnknownInstruction)) throw e;
    return { bytes: splice(bytes, secs, new Map([[memSec, memory]])), growFlag: undefined };
  }
}

function rewriteMemory(bytes: Uint8Array, sec: Section, capPages: number): Payload {
  const r = new Reader(bytes, sec.payload);
  const n = r.u32();
  const { flags, min, max } = r.limits();
  if (flags & 4) throw new Error('64-bit memories cannot be capped');
  const capped = Math.min(max ?? capPages, capPages);
  return new Writer()
    .bytes([...leb(n), flags | 1, ...leb(min), ...leb(capped)])
    .bytes(bytes.subarray(r.pos, sec.end))
    .finish();
}

function addGrowHook(
  bytes: Uint8Array,
  secs: Section[],
  memSec: Section,
  memory: Payload,
): Uint8Array {
  const find = (id: number) => secs.find((s) => s.id === id);
  const types = find(SEC.type);
  const funcs = find(SEC.func);
  const globals = find(SEC.global);
  const exports = find(SEC.export);
  const code = find(SEC.code);
  if (!types || !funcs || !code) throw new UnknownInstruction('a module without code');
  const imported = readImports(bytes, find(SEC.import));
  const typeIndex = count(bytes, types);
  const hookIndex = imported.funcs + count(bytes, funcs);
  const flagIndex = imported.globals + count(bytes, globals);

  // (func (param i32) (result i32) (local i32)
  //   local.get 0  memory.grow 0  local.tee 1  i32.const -1  i32.eq
  //   if  i32.const 1  global.set $flag  end  local.get 1)
  const hook = [
    ...[0x01, 0x01, 0x7f],
    ...[0x20, 0x00, 0x40, 0x00, 0x22, 0x01, 0x41, 0x7f, 0x46],
    ...[0x04, 0x40, 0x41, 0x01, 0x24, ...leb(flagIndex), 0x0b],
    ...[0x20, 0x01, 0x0b],
  ];
  const flagGlobal = [0x7f, 0x01, 0x41, 0x00, 0x0b];
  const name = [...new TextEncoder().encode(GROW_FAILED_EXPORT)];
  const flagExport = [...leb(name.length), ...name, 0x03, ...leb(flagIndex)];

  const replace = new Map<Section, Payload>([
    [types, appendEntry(bytes, types, [0x60, 0x01, 0x7f, 0x01, 0x7f])],
    [funcs, appendEntry(bytes, funcs, leb(typeIndex))],
    [memSec, memory],
    [code, rewriteCode(bytes, code, hookIndex, hook)],
  ]);
  const insert: [number, Payload][] = [];
  for (const [id, sec, entry] of [
    [SEC.global, globals, flagGlobal],
    [SEC.export, exports, flagExport],
  ] as const) {
    if (sec) replace.set(sec, appendEntry(bytes, sec, entry));
    else insert.push([id, appendEntry(bytes, undefined, entry)]);
  }
  return splice(bytes, secs, replace, insert);
}

/**
 * The code section's payload with every `memory.grow 0` replaced by `call hookIndex`, and the
 * hook's own body appended.
 */
function rewriteCode(bytes: Uint8Array, sec: Section, hookIndex: number, hook: number[]): Payload {
  const r = new Reader(bytes, sec.payload);
  const n = r.u32();
  const out = new Writer().bytes(leb(n + 1));
  const call = [0x10, ...leb(hookIndex)];
  for (let i = 0; i < n; i++) {
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    skipLocals(r);
    const grows = findGrows(r, end);
    if (grows.length === 0) {
      out.bytes(leb(size)).bytes(bytes.subarray(start, end));
    } else {
      const body = new Writer();
      let at = start;
      for (const [from, to] of grows) {
        body.bytes(bytes.subarray(at, from)).bytes(call);
        at = to;
      }
      body.bytes(bytes.subarray(at, end));
      out.bytes(leb(body.length)).bytes(body.finish());
    }
  }
  out.bytes(leb(hook.length)).bytes(hook);
  return out.finish();
}
