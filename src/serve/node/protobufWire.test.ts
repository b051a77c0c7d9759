/**
 * The protobuf wire-format decoder on bytes written out by hand: varints of every width,
 * length-delimited fields (nested messages, map entries), fixed 32/64-bit values, groups, and the
 * malformed inputs it must reject rather than misread.
 */
import { describe, expect, it } from 'vitest';
import { ProtobufError, readFields, WireReader } from './protobufWire.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => [...Buffer.from(s, 'utf8')];

describe('protobuf wire format', () => {
  it('reads varints of one byte, of more than one byte (over 127) and of ten bytes', () => {
    expect(readFields(bytes(0x08, 0x01))).toEqual([{ field: 1, wireType: 0, value: 1n }]);
    expect(readFields(bytes(0x08, 0x7f))).toEqual([{ field: 1, wireType: 0, value: 127n }]);
    // 128 = 0b1_0000000: low seven bits 0 with the continuation bit, then 1.
    expect(readFields(bytes(0x08, 0x80, 0x01))).toEqual([{ field: 1, wireType: 0, value: 128n }]);
    // 300 = 0b10_0101100: 0xac (0x2c | 0x80), then 0x02.
    expect(readFields(bytes(0x08, 0xac, 0x02))).toEqual([{ field: 1, wireType: 0, value: 300n }]);
    // 1234567890 over five bytes.
    expect(new WireReader(bytes(0xd2, 0x85, 0xd8, 0xcc, 0x04)).varint()).toBe(1234567890n);
    // -1 as an int64: ten bytes, all 64 bits set.
    const minusOne = bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    const [f] = readFields(minusOne);
    expect(f!.value).toBe(2n ** 64n - 1n);
    expect(BigInt.asIntN(64, f!.value as bigint)).toBe(-1n);
  });

  it('reads keys of field numbers over 15 (a two-byte key) and the largest field number', () => {
    // Field 17, wire type 2: key 17 << 3 | 2 = 138 = 0x8a 0x01.
    expect(readFields(bytes(0x8a, 0x01, 0x02, 0x68, 0x69))).toEqual([
      { field: 17, wireType: 2, value: bytes(0x68, 0x69) },
    ]);
    // 2^29 - 1 << 3 | 0 = 0xfffffff8: f8 ff ff ff 0f.
    expect(readFields(bytes(0xf8, 0xff, 0xff, 0xff, 0x0f, 0x00))).toEqual([
      { field: 2 ** 29 - 1, wireType: 0, value: 0n },
    ]);
  });

  it('reads fixed 32- and 64-bit values little-endian', () => {
    expect(readFields(bytes(0x0d, 0x78, 0x56, 0x34, 0x12))).toEqual([
      { field: 1, wireType: 5, value: 0x12345678 },
    ]);
    expect(readFields(bytes(0x0d, 0xff, 0xff, 0xff, 0xff))[0]!.value).toBe(0xffffffff);
    expect(readFields(bytes(0x11, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01))).toEqual([
      { field: 2, wireType: 1, value: 0x0102030405060708n },
    ]);
  });

  it('reads a length-delimited field longer than 127 bytes (a two-byte length)', () => {
    const payload = Array.from({ length: 200 }, (_, i) => i & 0xff);
    // 200 = 0xc8 0x01.
    const [f] = readFields(bytes(0x12, 0xc8, 0x01, ...payload));
    expect(f).toEqual({ field: 2, wireType: 2, value: Uint8Array.from(payload) });
  });

  it('splits nested messages and map entries level by level, in wire order', () => {
    // message { 1: "a", 2: { 1: 300 }, 3: entry{key "k", value "v"}, 3: entry{"k2", "v2"}, 1: "b" }
    const inner = [0x08, 0xac, 0x02];
    const entry = (k: string, v: string) => [
      0x0a,
      k.length,
      ...text(k),
      0x12,
      v.length,
      ...text(v),
    ];
    const e1 = entry('k', 'v');
    const e2 = entry('k2', 'v2');
    const buf = bytes(
      ...[0x0a, 0x01, ...text('a')],
      ...[0x12, inner.length, ...inner],
      ...[0x1a, e1.length, ...e1],
      ...[0x1a, e2.length, ...e2],
      ...[0x0a, 0x01, ...text('b')],
    );
    const fields = readFields(buf);
    expect(fields.map((f) => [f.field, f.wireType])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
      [3, 2],
      [1, 2],
    ]);
    expect(readFields(fields[1]!.value as Uint8Array)).toEqual([
      { field: 1, wireType: 0, value: 300n },
    ]);
    expect(readFields(fields[3]!.value as Uint8Array)).toEqual([
      { field: 1, wireType: 2, value: Uint8Array.from(text('k2')) },
      { field: 2, wireType: 2, value: Uint8Array.from(text('v2')) },
    ]);
  });

  it('reads a group to its matching end key, skipping what is inside', () => {
    // 1: group { 2: 5, 3: group { 4: 1 } }, then 5: 7.
    const buf = bytes(0x0b, 0x10, 0x05, 0x1b, 0x20, 0x01, 0x1c, 0x0c, 0x28, 0x07);
    const fields = readFields(buf);
    expect(fields).toEqual([
      { field: 1, wireType: 3, value: bytes(0x10, 0x05, 0x1b, 0x20, 0x01, 0x1c) },
      { field: 5, wireType: 0, value: 7n },
    ]);
  });

  it('rejects truncated buffers wherever they end', () => {
    const cases: [number[], RegExp][] = [
      [[0x08], /truncated varint at byte 1/],
      [[0x08, 0xac], /truncated varint at byte 1/],
      [[0x88], /truncated varint at byte 0/], // the key itself
      [
        [0x0a, 0x05, 0x61, 0x62],
        /truncated length-delimited field at byte 0: needs 5 bytes, 2 left/,
      ],
      [[0x12, 0xc8, 0x01, 0x00], /needs 200 bytes, 1 left/],
      [[0x0d, 0x01, 0x02, 0x03], /truncated fixed32 field at byte 0: needs 4 bytes, 3 left/],
      [
        [0x09, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07],
        /truncated fixed64 field at byte 0: needs 8 bytes, 7 left/,
      ],
      [[0x0b, 0x10, 0x05], /truncated group field 1 at byte 0/],
    ];
    for (const [b, message] of cases) {
      expect(() => readFields(bytes(...b)), JSON.stringify(b)).toThrow(ProtobufError);
      expect(() => readFields(bytes(...b)), JSON.stringify(b)).toThrow(message);
    }
  });

  it('rejects what is not a message: long varints, field 0, wire types 6 and 7, stray end-groups', () => {
    expect(() => readFields(bytes(0x08, ...Array<number>(10).fill(0x80), 0x01))).toThrow(
      /varint at byte 1 is longer than 10 bytes/,
    );
    expect(() => readFields(bytes(0x00, 0x01))).toThrow(/illegal field number 0 at byte 0/);
    expect(() => readFields(bytes(0x0e, 0x01))).toThrow(/illegal wire type 6 at byte 0/);
    expect(() => readFields(bytes(0x0f, 0x01))).toThrow(/illegal wire type 7/);
    expect(() => readFields(bytes(0x0c))).toThrow(/unexpected end-group for field 1/);
    expect(() => readFields(bytes(0x0b, 0x14))).toThrow(/end-group for field 2 closes group 1/);
    // A field number beyond 2^29 - 1: key (2^29 << 3) = 2^32.
    expect(() => readFields(bytes(0x80, 0x80, 0x80, 0x80, 0x10, 0x00))).toThrow(/out of range/);
  });

  it('reads an empty buffer as a message with no fields', () => {
    expect(readFields(new Uint8Array(0))).toEqual([]);
  });
});
