/** Version 4 UUIDs from a random source the caller owns (seeded in tests, so uids repeat). */
import { utf8Decode } from './base64.ts';

const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const DASH = 0x2d;
const scratch = new Uint8Array(36);

/**
 * `xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx`, V one of 8, 9, a, b. The variant is drawn first, then the
 * digits in order, so a seeded source gives the uids it always gave. The letters are written into
 * bytes and made a string once: the API server makes one per object it creates.
 */
export function uuidV4(random: () => number): string {
  const variant = HEX_CODES[8 + Math.floor(random() * 4)]!;
  for (let i = 0; i < scratch.length; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) scratch[i] = DASH;
    else if (i === 14) scratch[i] = HEX_CODES[4]!;
    else if (i === 19) scratch[i] = variant;
    else scratch[i] = HEX_CODES[Math.floor(random() * 16)]!;
  }
  return utf8Decode(scratch);
}
