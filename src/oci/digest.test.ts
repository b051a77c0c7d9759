import { describe, expect, it } from 'vitest';
import { digestOf, sha256, validateDigest } from './digest.ts';

describe('validateDigest', () => {
  it.each([
    [`sha256:${'0'.repeat(64)}`, undefined],
    [`sha512:${'f'.repeat(128)}`, undefined],
    ['sha256', 'invalid checksum digest format'],
    ['sha256:', 'invalid checksum digest format'],
    [`:${'0'.repeat(64)}`, 'invalid checksum digest format'],
    [`sha256:${'0'.repeat(63)}`, 'invalid checksum digest length'],
    [`sha256:${'G'.repeat(64)}`, 'invalid checksum digest format'],
    [`md5:${'0'.repeat(32)}`, 'unsupported digest algorithm'],
    [`MD5:${'0'.repeat(32)}`, 'invalid checksum digest format'],
  ])('%s → %s', (digest, problem) => {
    expect(validateDigest(digest)).toBe(problem);
  });
});

describe('digestOf', () => {
  it('computes sha256 with Web Crypto', async () => {
    expect(await sha256(new Uint8Array())).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256(new TextEncoder().encode('abc'))).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('uses the algorithm of the digest it is compared with', async () => {
    const abc = new TextEncoder().encode('abc');
    expect(await digestOf(abc, `sha512:${'0'.repeat(128)}`)).toBe(
      'sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    expect((await digestOf(abc, 'sha384:')).slice(0, 14)).toBe('sha384:cb00753');
  });

  it('hashes views of a SharedArrayBuffer', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set([0x61, 0x62, 0x63]);
    expect(await sha256(shared)).toBe(await sha256(new TextEncoder().encode('abc')));
  });
});
