/**
 * The protobuf wire format, decode side only, written from the encoding spec
 * (https://protobuf.dev/programming-guides/encoding/): a message is a sequence of
 * (key, value) records, the key a varint `field << 3 | wireType`; wire type 0 is a varint,
 * 1 a little-endian 64-bit value, 2 a varint length then that many bytes (strings, bytes,
 * embedded messages, map entries, packed repeated fields), 5 a little-endian 32-bit value,
 * 3/4 start and end a (deprecated) group. What the fields mean is the schema's business
 * (kubeProtobuf.ts): this layer only splits a buffer into fields, and rejects bytes that are
 * not a well-formed message (truncated, over-long varint, illegal tag or wire type).
 */

export class ProtobufError extends Error {
  override name = 'ProtobufError';
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', 'group', 'end-group', 'fixed32'];
export const wireTypeName = (t: number): string => WIRE_NAMES[t] ?? `wire type ${t}`;

/** One field as found on the wire; the same field number may come back more than once. */
export type WireField =
  | { field: number; wireType: typeof WIRE_VARINT; value: bigint }
  | { field: number; wireType: typeof WIRE_FIXED64; value: bigint }
  | { field: number; wireType: typeof WIRE_LEN; value: Uint8Array }
  /** A group's content (between its start and end keys), kept so a schema can reject it. */
  | { field: number; wireType: typeof WIRE_START_GROUP; value: Uint8Array }
  | { field: number; wireType: typeof WIRE_FIXED32; value: number };

const MAX_FIELD = (1 << 29) - 1;
/** Groups inside groups: deeper than this is hostile input, not a message. */
const MAX_GROUP_DEPTH = 64;

/** A read position in a buffer; every read checks there are enough bytes left. */
export class WireReader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  /** An unsigned varint of up to 10 bytes, as the 64 bits it encodes. */
  varint(): bigint {
    const start = this.pos;
    let result = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) {
        throw new ProtobufError(`truncated varint at byte ${start}`);
      }
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
    throw new ProtobufError(`varint at byte ${start} is longer than 10 bytes`);
  }

  fixed32(from = this.pos): number {
    const bytes = this.take(4, 'fixed32', from);
    return (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0;
  }

  fixed64(from = this.pos): bigint {
    const bytes = this.take(8, 'fixed64', from);
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
    return v;
  }

  /**
   * A varint length, then that many bytes (a view on the buffer, not a copy). `from`, where
   * errors say the field starts, is its key's position when the caller read one.
   */
  lengthDelimited(from = this.pos): Uint8Array {
    const n = this.varint();
    const left = this.buf.length - this.pos;
    if (n > BigInt(left)) {
      throw new ProtobufError(
        `truncated length-delimited field at byte ${from}: needs ${n} bytes, ${left} left`,
      );
    }
    return this.take(Number(n), 'length-delimited', from);
  }

  /** A field key: the field number and wire type. */
  key(): { field: number; wireType: number } {
    const start = this.pos;
    const key = this.varint();
    const field = key >> 3n;
    const wireType = Number(key & 7n);
    if (field === 0n) throw new ProtobufError(`illegal field number 0 at byte ${start}`);
    if (field > BigInt(MAX_FIELD)) {
      throw new ProtobufError(`field number ${field} at byte ${start} is out of range`);
    }
    if (wireType > WIRE_FIXED32) {
      throw new ProtobufError(`illegal wire type ${wireType} at byte ${start}`);
    }
    return { field: Number(field), wireType };
  }

  private take(n: number, what: string, from: number): Uint8Array {
    if (this.pos + n > this.buf.length) {
      throw new ProtobufError(
        `truncated ${what} field at byte ${from}: needs ${n} bytes, ${this.buf.length - this.pos} left`,
      );
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Skips one value of the given wire type (a group up to its matching end key). */
  skip(wireType: number, field: number, depth = 0): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.fixed64();
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.fixed32();
        return;
      case WIRE_START_GROUP:
        this.groupBody(field, depth);
        return;
      default:
        throw new ProtobufError(`unexpected end-group for field ${field} at byte ${this.pos}`);
    }
  }

  /** The content of a group whose start key was just read, and moves past its end key. */
  groupBody(field: number, depth = 0, from = this.pos): Uint8Array {
    if (depth >= MAX_GROUP_DEPTH) throw new ProtobufError('groups nested too deeply');
    const start = this.pos;
    for (;;) {
      if (this.done) throw new ProtobufError(`truncated group field ${field} at byte ${from}`);
      const end = this.pos;
      const k = this.key();
      if (k.wireType === WIRE_END_GROUP) {
        if (k.field !== field) {
          throw new ProtobufError(`end-group for field ${k.field} closes group ${field}`);
        }
        return this.buf.subarray(start, end);
      }
      this.skip(k.wireType, k.field, depth + 1);
    }
  }
}

/** Splits a message into its fields, in wire order. Throws ProtobufError on malformed bytes. */
export function readFields(buf: Uint8Array): WireField[] {
  const r = new WireReader(buf);
  const out: WireField[] = [];
  while (!r.done) {
    const at = r.pos;
    const { field, wireType } = r.key();
    switch (wireType) {
      case WIRE_VARINT:
        out.push({ field, wireType, value: r.varint() });
        break;
      case WIRE_FIXED64:
        out.push({ field, wireType, value: r.fixed64(at) });
        break;
      case WIRE_LEN:
        out.push({ field, wireType, value: r.lengthDelimited(at) });
        break;
      case WIRE_FIXED32:
        out.push({ field, wireType, value: r.fixed32(at) });
        break;
      case WIRE_START_GROUP:
        out.push({ field, wireType, value: r.groupBody(field, 0, at) });
        break;
      default:
        throw new ProtobufError(`unexpected end-group for field ${field} at byte ${at}`);
    }
  }
  return out;
}
