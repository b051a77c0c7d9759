/**
 * Walks WebAssembly function bodies instruction by instruction (MVP plus sign extension,
 * saturating conversions, bulk memory, reference types, SIMD, threads, tail calls and exception
 * handling), to find the `memory.grow` instructions memoryCap.ts reroutes.
 */
import { WasmFormatError } from './wasmBinary.ts';
import type { Reader } from './wasmBinary.ts';

/** An instruction this walker does not know; the module then gets the cap but no grow hook. */
export class UnknownInstruction extends Error {
  override name = 'UnknownInstruction';
}

/** Skips a body's local declarations. */
export function skipLocals(r: Reader): void {
  for (let locals = r.u32(); locals > 0; locals--) {
    r.u32();
    valtype(r);
  }
}

function valtype(r: Reader): void {
  const t = r.u8();
  // (ref ht) and (ref null ht) carry a heap type; everything else is one byte.
  if (t === 0x63 || t === 0x64) r.skipLeb();
}

function memarg(r: Reader): void {
  const align = r.u32();
  if (align & 0x40) r.u32();
  r.skipLeb();
}

/** Walks one function body's instructions; returns the [start, end) of each `memory.grow`. */
export function findGrows(r: Reader, end: number): [number, number][] {
  const grows: [number, number][] = [];
  while (r.pos < end) {
    const at = r.pos;
    const op = r.u8();
    if (op === 0x40) {
      const memory = r.u32();
      if (memory !== 0)
        throw new UnknownInstruction(`memory.grow of memory ${memory} at byte ${at}`);
      grows.push([at, r.pos]);
    } else if (op === 0x02 || op === 0x03 || op === 0x04 || op === 0x06) {
      r.skipLeb(); // block type
    } else if (op === 0x0e) {
      for (let n = r.u32() + 1; n > 0; n--) r.u32();
    } else if (op === 0x11 || op === 0x13) {
      r.u32();
      r.u32();
    } else if (
      op === 0x07 ||
      op === 0x08 ||
      op === 0x09 ||
      (op >= 0x0c && op <= 0x0d) ||
      op === 0x10 ||
      op === 0x12 ||
      op === 0x14 ||
      op === 0x15 ||
      op === 0x18 ||
      (op >= 0x20 && op <= 0x26) ||
      op === 0x3f ||
      op === 0xd2 ||
      op === 0xd4 ||
      op === 0xd6
    ) {
      r.u32();
    } else if (op === 0x1c) {
      for (let n = r.u32(); n > 0; n--) valtype(r);
    } else if (op === 0x1f) {
      r.skipLeb();
      for (let n = r.u32(); n > 0; n--) {
        const kind = r.u8();
        if (kind < 2) r.u32();
        r.u32();
      }
    } else if (op >= 0x28 && op <= 0x3e) {
      memarg(r);
    } else if (op === 0x41 || op === 0x42 || op === 0xd0) {
      r.skipLeb();
    } else if (op === 0x43) {
      r.skip(4);
    } else if (op === 0x44) {
      r.skip(8);
    } else if (op === 0xfc) {
      prefixedFC(r);
    } else if (op === 0xfd) {
      prefixedSimd(r);
    } else if (op === 0xfe) {
      if (r.u32() === 0x03) r.u8();
      else memarg(r);
    } else if (!(
      op <= 0x01 ||
      op === 0x05 ||
      op === 0x0a ||
      op === 0x0b ||
      op === 0x0f ||
      op === 0x19 ||
      op === 0x1a ||
      op === 0x1b ||
      (op >= 0x45 && op <= 0xc4) ||
      op === 0xd1 ||
      op === 0xd3 ||
      op === 0xd5
    )) {
      throw new UnknownInstruction(`opcode 0x${op.toString(16)} at byte ${at}`);
    }
  }
  if (r.pos !== end) throw new WasmFormatError('function body overruns its size', r.pos);
  return grows;
}

function prefixedFC(r: Reader): void {
  const sub = r.u32();
  if (sub <= 7) return;
  if (sub === 8 || sub === 10 || sub === 12 || sub === 14) {
    r.u32();
    r.u32();
  } else if (sub === 9 || sub === 11 || sub === 13 || (sub >= 15 && sub <= 17)) {
    r.u32();
  } else {
    throw new UnknownInstruction(`opcode 0xfc ${sub} at byte ${r.pos}`);
  }
}

function prefixedSimd(r: Reader): void {
  const sub = r.u32();
  if (sub <= 11 || sub === 92 || sub === 93) memarg(r);
  else if (sub === 12 || sub === 13) r.skip(16);
  else if (sub >= 21 && sub <= 34) r.u8();
  else if (sub >= 84 && sub <= 91) {
    memarg(r);
    r.u8();
  }
}
