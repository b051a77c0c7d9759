/**
 * One pull over the distribution API: resolve the reference to a manifest, check that it is a
 * WebAssembly module image, fetch the module layer and verify it. Failures are ImagePullErrors
 * worded as containerd words them (the kubelet adds `Failed to pull image "x": ` in its event).
 */
import { ImagePullError } from '../kubelet-core/ports.ts';
import { unexpectedStatus, type RegistryConnection } from './client.ts';
import { digestOf } from './digest.ts';
import type { ImageLocation } from './locate.ts';
import {
  MANIFEST_ACCEPT,
  MediaType,
  parseManifest,
  wasmLayerOf,
  type Descriptor,
  type ImageManifest,
} from './manifest.ts';
import { goQuote as q } from './reference.ts';

/** A reference resolved to a module image's manifest. */
export interface ResolvedImage {
  manifestDigest: string;
  manifest: ImageManifest;
  /** The module layer. */
  layer: Descriptor;
  /** Manifest, config and layer sizes added up, as containerd reports an image's size. */
  sizeBytes: number;
}

/** `failed to pull and unpack image "R": <why>`, reason ErrImagePull. */
export function pullError(
  loc: ImageLocation,
  why: string,
  grpcCode: ImagePullError['grpcCode'] = 'Unknown',
): ImagePullError {
  return new ImagePullError(
    'ErrImagePull',
    `failed to pull and unpack image ${q(loc.ref)}: ${why}`,
    grpcCode,
  );
}

/** Fetches and checks the manifest `loc` names (by digest when it has one, else by tag). */
export async function resolveImage(
  conn: RegistryConnection,
  loc: ImageLocation,
): Promise<ResolvedImage> {
  const path = `v2/${loc.repository}/manifests/${loc.digest ?? loc.tag ?? 'latest'}`;
  const unresolved = (why: string, code?: ImagePullError['grpcCode']) =>
    pullError(loc, `failed to resolve reference ${q(loc.ref)}: ${why}`, code);
  let bytes: Uint8Array;
  let contentType: string | null;
  try {
    const res = await conn.request('GET', path, { headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status === 404) throw unresolved(`${loc.ref}: not found`, 'NotFound');
    if (!res.ok) throw unresolved(unexpectedStatus('GET', conn.urlOf(path), res));
    contentType = res.headers.get('content-type');
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw err instanceof ImagePullError ? err : unresolved((err as Error).message);
  }

  const manifestDigest = await digestOf(bytes, loc.digest);
  if (loc.digest && manifestDigest !== loc.digest) {
    throw pullError(
      loc,
      commitMismatch('manifest', loc.digest, `digest ${manifestDigest}`),
      'FailedPrecondition',
    );
  }
  let doc;
  try {
    doc = parseManifest(bytes, contentType);
  } catch (err) {
    throw pullError(loc, (err as Error).message);
  }
  const notWasm = (why: string) =>
    pullError(loc, `${loc.ref} is not a WebAssembly module image: ${why}`);
  if (doc.kind === 'index') {
    const what = doc.mediaType === MediaType.ociIndex ? 'an image index' : 'a manifest list';
    throw notWasm(`unsupported media type ${doc.mediaType} (${what})`);
  }
  const layer = wasmLayerOf(doc.manifest);
  if ('problem' in layer) throw notWasm(layer.problem);
  const sizeBytes = bytes.length + doc.manifest.config.size + layer.size;
  return { manifestDigest, manifest: doc.manifest, layer, sizeBytes };
}

/** Fetches the module layer and verifies its size and digest. */
export async function fetchLayer(
  conn: RegistryConnection,
  loc: ImageLocation,
  layer: Descriptor,
): Promise<Uint8Array> {
  const path = `v2/${loc.repository}/blobs/${layer.digest}`;
  const url = conn.urlOf(path);
  const uncopied = (why: string, code?: ImagePullError['grpcCode']) =>
    pullError(loc, `failed to copy: httpReadSeeker: failed open: ${why}`, code);
  let bytes: Uint8Array;
  try {
    const accept = `${MediaType.wasmLayer}, application/octet-stream`;
    const res = await conn.request('GET', path, { headers: { Accept: accept } });
    if (res.status === 404) throw uncopied(`content at ${url} not found: not found`, 'NotFound');
    if (!res.ok) throw uncopied(unexpectedStatus('GET', url, res));
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw err instanceof ImagePullError ? err : uncopied((err as Error).message);
  }
  if (bytes.length !== layer.size) {
    throw pullError(
      loc,
      commitMismatch('layer', layer.digest, `size ${bytes.length}`, layer.size),
      'FailedPrecondition',
    );
  }
  const actual = await digestOf(bytes, layer.digest);
  if (actual !== layer.digest) {
    throw pullError(
      loc,
      commitMismatch('layer', layer.digest, `digest ${actual}`),
      'FailedPrecondition',
    );
  }
  return bytes;
}

/** containerd's content-store check: `failed commit on ref "layer-sha256:…": unexpected …`. */
function commitMismatch(
  kind: 'manifest' | 'layer',
  digest: string,
  got: string,
  expectedSize?: number,
): string {
  const expected = expectedSize === undefined ? digest : String(expectedSize);
  return `failed commit on ref ${q(`${kind}-${digest}`)}: unexpected commit ${got}, expected ${expected}: failed precondition`;
}
