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

export const encodeBase64 = (bytes: Uint8Array): string => encodeWith(alphabet, '=', bytes);

/** RFC 4648 section 5 (URL and file name safe alphabet), unpadded: as JWTs carry their parts. */
export const encodeBase64Url = (bytes: Uint8Array): string => encodeWith(urlAlphabet, '', bytes);

const urlAlphabet = alphabet.slice(0, 62) + '-_';

function encodeWith(alphabet: string, pad: string, bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + alphabet[(v >> 6) & 63]! + alphabet[v & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i]! << 16;
    out += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + pad + pad;
  } else if (rest === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + alphabet[(v >> 6) & 63]! + pad;
  }
  return out;
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
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    let done = false;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        throw new CorruptInputError(si - j);
      }
      const c = src[si]!;
      si++;
      const v = decodeMap[c]!;
      if (v >= 0) {
        dbuf[j] = v;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        j--;
        continue;
      }
      if (c !== 0x3d) throw new CorruptInputError(si - 1);
      // padding
      if (j === 0 || j === 1) throw new CorruptInputError(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
        if (si === src.length) throw new CorruptInputError(src.length);
        if (src[si] !== 0x3d) throw new CorruptInputError(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si < src.length) throw new CorruptInputError(si);
      dlen = j;
      done = true;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    if (dlen >= 2) out.push((val >> 16) & 0xff);
    if (dlen >= 3) out.push((val >> 8) & 0xff);
    if (dlen >= 4) out.push(val & 0xff);
    if (done) break;
  }
  return Uint8Array.from(out);
}
