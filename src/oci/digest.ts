/**
 * Content digests (`sha256:<hex>`), validated as go-digest validates them and computed with
 * Web Crypto, which browsers and Node 20 both provide as `crypto.subtle`.
 */

const algorithms = {
  sha256: { subtle: 'SHA-256', hexLength: 64 },
  sha384: { subtle: 'SHA-384', hexLength: 96 },
  sha512: { subtle: 'SHA-512', hexLength: 128 },
} as const;

type Algorithm = keyof typeof algorithms;

const digestRe = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

function isAlgorithm(name: string): name is Algorithm {
  return Object.hasOwn(algorithms, name);
}

/**
 * Checks a digest string the way go-digest's `Validate` does.
 * @returns undefined when valid, else go-digest's error text (`invalid checksum digest format`,
 * `invalid checksum digest length`, `unsupported digest algorithm`).
 */
export function validateDigest(digest: string): string | undefined {
  const i = digest.indexOf(':');
  if (i <= 0 || i + 1 === digest.length) return 'invalid checksum digest format';
  const algorithm = digest.slice(0, i);
  const encoded = digest.slice(i + 1);
  if (!isAlgorithm(algorithm)) {
    return digestRe.test(digest)
      ? 'unsupported digest algorithm'
      : 'invalid checksum digest format';
  }
  if (encoded.length !== algorithms[algorithm].hexLength) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(encoded)) return 'invalid checksum digest format';
  return undefined;
}

/**
 * Digest of `bytes` with the algorithm named by `like` (a digest such as `sha512:…`), default
 * sha256. Returns `algorithm:hex`.
 */
export async function digestOf(bytes: Uint8Array, like = 'sha256:'): Promise<string> {
  const name = like.slice(0, like.indexOf(':'));
  const algorithm: Algorithm = isAlgorithm(name) ? name : 'sha256';
  const hash = await crypto.subtle.digest(algorithms[algorithm].subtle, ownBuffer(bytes));
  return `${algorithm}:${toHex(new Uint8Array(hash))}`;
}

/** The `sha256:<hex>` digest of `bytes`. */
export function sha256(bytes: Uint8Array): Promise<string> {
  return digestOf(bytes, 'sha256:');
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Web Crypto and fetch bodies refuse views of a SharedArrayBuffer: copy those. */
export function ownBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}
