/**
 * Pushes WebAssembly module images to a real registry over the distribution API (for tests and
 * tools): blob uploads (`POST …/blobs/uploads/`, then `PUT <Location>?digest=`), skipping blobs
 * the registry has (`HEAD`), and the manifest `PUT`. Images have the shape `buildModuleImage`
 * gives, the same as the built-in registry's.
 */
import type { RegistryAuth } from '../kubelet-core/ports.ts';
import { credentialsFor } from './auth.ts';
import {
  connectRegistry,
  registryBaseUrl,
  RegistryRequestError,
  unexpectedStatus,
  type RegistryConnection,
} from './client.ts';
import { sha256 } from './digest.ts';
import { locate, type ImageLocation } from './locate.ts';
import { buildModuleImage, MediaType } from './manifest.ts';
import { goQuote as q } from './reference.ts';

/** Where to push and with what credentials. */
export interface PushTargetOptions {
  fetch: typeof fetch;
  /** A reference naming a registry host: `127.0.0.1:5000/hello:v1` (tag defaults to latest). */
  image: string;
  /** Credentials by registry host, as `authFromDockerConfigJson` returns them. */
  auth?: Record<string, RegistryAuth>;
  /** Hosts reached over plain http besides loopback ones. */
  insecureRegistries?: string[];
}

/** A registry repository opened for pushing. */
export interface PushTarget {
  conn: RegistryConnection;
  loc: ImageLocation;
}

/** What `pushModule` did. */
export interface PushResult {
  /** The fully qualified reference pushed: `127.0.0.1:5000/hello:v1`. */
  ref: string;
  manifestDigest: string;
  configDigest: string;
  layerDigest: string;
  /** Digests of the blobs uploaded; blobs the registry already had are not. */
  uploaded: string[];
}

/** A push that failed: `failed to push "R": <why>`. */
export class PushError extends Error {
  constructor(ref: string, why: string) {
    super(`failed to push ${q(ref)}: ${why}`);
    this.name = 'PushError';
  }
}

/**
 * Opens the repository `opts.image` names for pushing.
 * @throws PushError for the built-in registry (static files) or an unparsable reference.
 */
export function openPushTarget(opts: PushTargetOptions): PushTarget {
  let loc: ImageLocation;
  try {
    loc = locate(opts.image);
  } catch (err) {
    throw new PushError(opts.image, (err as Error).message);
  }
  if (loc.builtin) {
    throw new PushError(
      opts.image,
      `${loc.domain} is the built-in registry (static files); name a registry host, e.g. 127.0.0.1:5000/${loc.repository}`,
    );
  }
  const conn = connectRegistry({
    fetch: opts.fetch,
    baseUrl: registryBaseUrl(loc.domain, opts.insecureRegistries),
    credentials: credentialsFor(loc.domain, opts.auth),
  });
  return { conn, loc };
}

/**
 * Pushes `bytes` as a module image to `opts.image`.
 * @example await pushModule({ fetch, image: '127.0.0.1:5000/hello:v1', bytes });
 */
export async function pushModule(
  opts: PushTargetOptions & { bytes: Uint8Array; annotations?: Record<string, string> },
): Promise<PushResult> {
  const target = openPushTarget(opts);
  const image = await buildModuleImage(opts.bytes, opts);
  const uploaded: string[] = [];
  for (const blob of [image.config, image.layer]) {
    const result = await pushBlob(target, blob);
    if (result.uploaded) uploaded.push(result.digest);
  }
  const manifestDigest = await putManifest(target, image.manifest, MediaType.ociManifest);
  const { ref } = target.loc;
  const { configDigest, layerDigest } = image;
  return { ref, manifestDigest, configDigest, layerDigest, uploaded };
}

/**
 * Uploads one blob unless the repository has it already (monolithic upload: POST, then PUT to
 * the Location with `?digest=`; relative Locations resolve against the POST URL).
 */
export async function pushBlob(
  target: PushTarget,
  bytes: Uint8Array,
): Promise<{ digest: string; uploaded: boolean }> {
  const { conn, loc } = target;
  const digest = await sha256(bytes);
  const blobPath = `v2/${loc.repository}/blobs/${digest}`;
  const head = await call(target, 'HEAD', blobPath);
  if (head.ok) return { digest, uploaded: false };
  if (head.status !== 404) throw failed(loc.ref, 'HEAD', conn.urlOf(blobPath), head);

  const uploadsPath = `v2/${loc.repository}/blobs/uploads/`;
  const start = await call(target, 'POST', uploadsPath);
  if (start.status !== 202) throw failed(loc.ref, 'POST', conn.urlOf(uploadsPath), start);
  const location = start.headers.get('location');
  if (!location)
    throw new PushError(
      loc.ref,
      `no Location header in the response to POST ${conn.urlOf(uploadsPath)}`,
    );
  const uploadUrl = new URL(location, conn.urlOf(uploadsPath)).href;
  const putUrl = `${uploadUrl}${uploadUrl.includes('?') ? '&' : '?'}digest=${encodeURIComponent(digest)}`;
  const put = await call(target, 'PUT', putUrl, {
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes,
  });
  if (put.status !== 201) throw failed(loc.ref, 'PUT', putUrl, put);
  return { digest, uploaded: true };
}

/**
 * PUTs a manifest under the target's tag (or digest), with `mediaType` as Content-Type.
 * @returns the manifest's digest.
 */
export async function putManifest(
  target: PushTarget,
  manifest: Uint8Array,
  mediaType: string,
): Promise<string> {
  const { conn, loc } = target;
  const path = `v2/${loc.repository}/manifests/${loc.digest ?? loc.tag ?? 'latest'}`;
  const res = await call(target, 'PUT', path, {
    headers: { 'Content-Type': mediaType },
    body: manifest,
  });
  if (res.status !== 201) throw failed(loc.ref, 'PUT', conn.urlOf(path), res);
  return sha256(manifest);
}

async function call(
  { conn, loc }: PushTarget,
  method: string,
  target: string,
  init?: { headers?: Record<string, string>; body?: Uint8Array },
): Promise<Response> {
  let res: Response;
  try {
    res = await conn.request(method, target, init);
  } catch (err) {
    if (err instanceof RegistryRequestError) throw new PushError(loc.ref, err.message);
    throw err;
  }
  // Read the body so the connection is free for the next request, and keep the registry's
  // error codes for the message.
  const text = await res.text().catch(() => '');
  registryErrorText.set(res, text);
  return res;
}

const registryErrorText = new WeakMap<Response, string>();

function failed(ref: string, method: string, url: string, res: Response): PushError {
  let detail = '';
  try {
    const body = JSON.parse(registryErrorText.get(res) ?? '') as {
      errors?: { code?: string; message?: string }[];
    };
    detail = (body.errors ?? []).map((e) => `: ${e.code}: ${e.message}`).join('');
  } catch {
    // not a registry error document
  }
  return new PushError(ref, `${unexpectedStatus(method, url, res)}${detail}`);
}
