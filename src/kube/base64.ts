/**
 * Base64 (RFC 4648 standard alphabet, padded) and UTF-8, as Go's encoding/base64 StdEncoding and
 * encoding/json use them for `[]byte` fields such as Secret `data`. Decoding errors carry the byte
 * offset Go reports ("illegal base64 data at input byte 4"), because that text reaches users.
 */

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const decodeMap = new Int16Array(256).fill(-1);
for (let i = 0; i < alphabet.length; i++) decodeMap[alphabet.charCodeAt(i)] = i;

/** Go's base64.CorruptInputError. */
export class CorruptInputError extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
export const utf8Encode = (text: string): Uint8Array => encoder.encode(text);
/** UTF-8 to text; invalid sequences become U+FFFD as in Go's string conversion. */
export const utf8Decode = (bytes: Uint8Array): string => decoder.decode(bytes);

export const encodeBase64 = (bytes: Uint8Array): string => encodeWith(standardCodes, true, bytes);

/** RFC 4648 section 5 (URL and file name safe alphabet), unpadded: as JWTs carry their parts. */
export const encodeBase64Url = (bytes: Uint8Array): string => encodeWith(urlCodes, false, bytes);

const codesOf = (letters: string) => Uint8Array.from(letters, (c) => c.charCodeAt(0));
const standardCodes = codesOf(alphabet);
const urlCodes = codesOf(alphabet.slice(0, 62) + '-_');
const PAD = 0x3d;

/**
 * The letters go into bytes and become a string once: adding them to a string one by one makes
 * a rope of small strings, garbage a write path (Secret data, tokens) should not leave behind.
 */
function encodeWith(codes: Uint8Array, pad: boolean, bytes: Uint8Array): string {
  const whole = bytes.length - (bytes.length % 3);
  const rest = bytes.length - whole;
  const out = new Uint8Array((whole / 3) * 4 + (rest === 0 ? 0 : pad ? 4 : rest + 1));
  let o = 0;
  for (let i = 0; i < whole; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = codes[v >> 18]!;
    out[o++] = codes[(v >> 12) & 63]!;
    out[o++] = codes[(v >> 6) & 63]!;
    out[o++] = codes[v & 63]!;
  }
  if (rest > 0) {
    const v = (bytes[whole]! << 16) | (rest === 2 ? bytes[whole + 1]! << 8 : 0);
    out[o++] = codes[v >> 18]!;
    out[o++] = codes[(v >> 12) & 63]!;
    if (rest === 2) out[o++] = codes[(v >> 6) & 63]!;
    else if (pad) out[o++] = PAD;
    if (pad) out[o++] = PAD;
  }
  return decoder.decode(out);
}

/** Base64 of the UTF-8 encoding of `text` (what Secret `stringData` becomes in `data`). */
export const encodeBase64Text = (text: string): string => encodeBase64(utf8Encode(text));

/**
 * Decodes like Go's base64.StdEncoding.DecodeString: padding required, `\r` and `\n` skipped.
 * Offsets count bytes of the UTF-8 input, as Go's do.
 * @throws CorruptInputError
 */
export function decodeBase64(text: string): Uint8Array {
  const src = utf8Encode(text);
  const out = new Uint8Array(Math.ceil(src.length / 4) * 3);
  const quantum = quantumScratch;
  let o = 0;
  let si = 0;
  while (si < src.length) {
    quantum.fill(0);
    let dlen = 4;
    let j = 0;
    let done = false;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return out.slice(0, o);
        throw new CorruptInputError(si - j);
      }
      const c = src[si]!;
      si++;
      const v = decodeMap[c]!;
      if (v >= 0) {
        quantum[j] = v;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        j--;
        continue;
      }
      if (c !== PAD) throw new CorruptInputError(si - 1);
      // padding
      if (j === 0 || j === 1) throw new CorruptInputError(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
        if (si === src.length) throw new CorruptInputError(src.length);
        if (src[si] !== PAD) throw new CorruptInputError(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si < src.length) throw new CorruptInputError(si);
      dlen = j;
      done = true;
      break;
    }
    const val = (quantum[0]! << 18) | (quantum[1]! << 12) | (quantum[2]! << 6) | quantum[3]!;
    if (dlen >= 2) out[o++] = (val >> 16) & 0xff;
    if (dlen >= 3) out[o++] = (val >> 8) & 0xff;
    if (dlen >= 4) out[o++] = val & 0xff;
    if (done) break;
  }
  return out.slice(0, o);
}

/** One quantum's four sextets, reused: decoding runs on every Secret write. */
const quantumScratch = new Int32Array(4);
