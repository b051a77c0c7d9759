/**
 * Share links: the URL fragment carries a whole set-up (the editor's documents, the example, the
 * clock speed, the selected pod) so that opening the link reproduces what its author saw.
 * The text is deflate-compressed (CompressionStream, in every current browser and Node 20) and
 * base64url-encoded; `#v1.` names the format so later versions can still read old links.
 */
import { decodeBase64, encodeBase64 } from '../../src/kube/base64.ts';

export interface SharedState {
  /** The editor's whole buffer, every document. */
  manifest: string;
  /** The example it started from, if any. */
  example?: string;
  /** Clock speed: 1, 10 or 100. */
  speed?: number;
  /** The selected pod, as `namespace/name`. */
  pod?: string;
}

export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}

const PREFIX = 'v1.';
// Fragments far beyond this are cut by chat apps and some servers' logs; refuse rather than break.
export const MAX_FRAGMENT_LENGTH = 64 * 1024;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

const toBase64Url = (bytes: Uint8Array) =>
  encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function fromBase64Url(text: string): Uint8Array {
  const std = text.replace(/-/g, '+').replace(/_/g, '/');
  return decodeBase64(std + '='.repeat((4 - (std.length % 4)) % 4));
}

/** The fragment (without `#`) for `state`. */
export async function encodeShareFragment(state: SharedState): Promise<string> {
  const json = JSON.stringify({
    m: state.manifest,
    ...(state.example ? { e: state.example } : {}),
    ...(state.speed !== undefined ? { s: state.speed } : {}),
    ...(state.pod ? { p: state.pod } : {}),
  });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  const fragment = PREFIX + toBase64Url(packed);
  if (fragment.length > MAX_FRAGMENT_LENGTH) {
    throw new ShareLinkError(
      `the manifest is too large to share as a link (${fragment.length} characters, at most ${MAX_FRAGMENT_LENGTH}); use Export instead`,
    );
  }
  return fragment;
}

/**
 * The state a fragment carries, or undefined when the fragment is not a share link at all.
 * @throws ShareLinkError when it is one but cannot be read (cut short, corrupted, newer format).
 */
export async function decodeShareFragment(fragment: string): Promise<SharedState | undefined> {
  const f = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  const version = /^v(\d+)\./.exec(f);
  if (!version) return undefined;
  if (!f.startsWith(PREFIX)) {
    throw new ShareLinkError(
      `this link was made by a newer playground (format v${version[1]}); this one reads v1`,
    );
  }
  let json: unknown;
  try {
    const bytes = await pipe(
      fromBase64Url(f.slice(PREFIX.length)),
      new DecompressionStream('deflate-raw'),
    );
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ShareLinkError('the share link is damaged or cut short: copy the whole link again');
  }
  if (
    typeof json !== 'object' ||
    json === null ||
    typeof (json as { m?: unknown }).m !== 'string'
  ) {
    throw new ShareLinkError('the share link has no manifest in it');
  }
  const o = json as { m: string; e?: unknown; s?: unknown; p?: unknown };
  return {
    manifest: o.m,
    ...(typeof o.e === 'string' ? { example: o.e } : {}),
    ...(typeof o.s === 'number' && [1, 10, 100].includes(o.s) ? { speed: o.s } : {}),
    ...(typeof o.p === 'string' && /^[a-z0-9-]+\/[a-z0-9.-]+$/.test(o.p) ? { pod: o.p } : {}),
  };
}
