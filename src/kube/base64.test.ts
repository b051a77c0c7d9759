import { describe, expect, it } from 'vitest';
import {
  CorruptInputError,
  decodeBase64,
  encodeBase64,
  encodeBase64Text,
  encodeBase64Url,
  utf8Decode,
  utf8Encode,
} from './base64.ts';

describe('encodeBase64', () => {
  // RFC 4648 §10 test vectors
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('%j → %j', (text, want) => {
    expect(encodeBase64Text(text)).toBe(want);
    expect(utf8Decode(decodeBase64(want))).toBe(text);
  });

  it('encodes text as UTF-8 first, as stringData folding does', () => {
    expect(encodeBase64Text('héllo ✓')).toBe('aMOpbGxvIOKckw==');
    expect(encodeBase64Text('😀')).toBe('8J+YgA==');
  });

  it('uses the standard alphabet with + and /', () => {
    expect(encodeBase64(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('+/+/');
    expect(decodeBase64('+/+/')).toEqual(Uint8Array.from([0xfb, 0xff, 0xbf]));
  });

  it('round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
  });
});

describe('encodeBase64Url', () => {
  it('uses - and _ and drops the padding (RFC 4648 section 5, as JWT parts)', () => {
    expect(encodeBase64Url(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(encodeBase64Url(utf8Encode('f'))).toBe('Zg');
    expect(encodeBase64Url(utf8Encode('fo'))).toBe('Zm8');
    expect(encodeBase64Url(utf8Encode('foo'))).toBe('Zm9v');
  });
});

describe('decodeBase64 (Go StdEncoding errors)', () => {
  it.each([
    ['Zm9v!', 4],
    ['Zg=', 3],
    ['Zg', 0],
    ['Z', 0],
    ['Zm9vY', 4],
    ['=', 0],
    ['Zg==Zg==', 4],
    ['Zm8=x', 4],
    ['Zg=x', 2],
    ['aGk gaGk', 3],
  ])('%j fails at input byte %d', (input, offset) => {
    expect(() => decodeBase64(input)).toThrow(new CorruptInputError(offset));
    expect(() => decodeBase64(input)).toThrow(`illegal base64 data at input byte ${offset}`);
  });

  it('skips CR and LF anywhere', () => {
    expect(utf8Decode(decodeBase64('Zm9v\r\nYmFy\n'))).toBe('foobar');
    expect(utf8Decode(decodeBase64('Zg=\n='))).toBe('f');
  });

  it('counts offsets in UTF-8 bytes', () => {
    expect(() => decodeBase64('Zm9vé')).toThrow(new CorruptInputError(4));
    expect(() => decodeBase64('éZm9v')).toThrow(new CorruptInputError(0));
  });
});

it('utf8Encode/utf8Decode replace invalid sequences with U+FFFD', () => {
  expect(utf8Encode('ä')).toEqual(Uint8Array.from([0xc3, 0xa4]));
  expect(utf8Decode(Uint8Array.from([0x61, 0xff]))).toBe('a\ufffd');
});
