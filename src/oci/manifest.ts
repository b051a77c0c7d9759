/**
 * Image manifests: the media types we speak, reading a manifest a registry sent us, and
 * building the manifest of a WebAssembly module image (an OCI artifact as `wasm-to-oci` and
 * Krustlet made them: config `application/vnd.wasm.config.v1+json`, one layer holding the module).
 */
import { sha256, validateDigest } from './digest.ts';

/** The media types of the distribution API and of WebAssembly module images. */
export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  wasmConfig: 'application/vnd.wasm.config.v1+json',
  wasmLayer: 'application/vnd.wasm.content.layer.v1+wasm',
} as const;

/** The `Accept` header for manifest GETs: every manifest and index type, as containerd sends. */
export const MANIFEST_ACCEPT = [
  MediaType.ociManifest,
  MediaType.ociIndex,
  MediaType.dockerManifest,
  MediaType.dockerManifestList,
].join(', ');

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

/** An image manifest (OCI or Docker schema 2). */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** What a manifest GET returned: a single-image manifest, or an index (manifest list). */
export type ManifestDocument =
  | { kind: 'manifest'; mediaType: string; manifest: ImageManifest }
  | { kind: 'index'; mediaType: string };

/** A manifest we cannot read; the message says what and where. */
export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

const indexTypes: ReadonlySet<string> = new Set([MediaType.ociIndex, MediaType.dockerManifestList]);
const manifestTypes: ReadonlySet<string> = new Set([
  MediaType.ociManifest,
  MediaType.dockerManifest,
]);

/**
 * Reads a manifest body. The media type comes from the body's `mediaType`, else a manifest
 * `Content-Type`, else the document's shape: static file hosts (the built-in registry) send
 * `application/octet-stream`, so the header alone cannot be trusted.
 * @throws ManifestError naming the offending field.
 */
export function parseManifest(bytes: Uint8Array, contentType: string | null): ManifestDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (err) {
    throw new ManifestError(`failed to unmarshal manifest: ${(err as Error).message}`);
  }
  if (!isObject(doc)) throw new ManifestError('failed to unmarshal manifest: not a JSON object');
  const header = contentType?.split(';')[0]?.trim() ?? '';
  const mediaType =
    typeof doc.mediaType === 'string' && doc.mediaType !== ''
      ? doc.mediaType
      : indexTypes.has(header) || manifestTypes.has(header)
        ? header
        : Array.isArray(doc.manifests)
          ? MediaType.ociIndex
          : MediaType.ociManifest;
  if (indexTypes.has(mediaType)) return { kind: 'index', mediaType };
  if (!manifestTypes.has(mediaType)) {
    throw new ManifestError(`unsupported media type ${mediaType}`);
  }
  if (doc.schemaVersion !== 2) {
    throw new ManifestError(
      `invalid manifest: schemaVersion: expected 2, got ${JSON.stringify(doc.schemaVersion)}`,
    );
  }
  const config = readDescriptor(doc.config, 'config');
  if (!Array.isArray(doc.layers)) throw new ManifestError('invalid manifest: layers: not an array');
  const layers = doc.layers.map((d, i) => readDescriptor(d, `layers[${i}]`));
  return { kind: 'manifest', mediaType, manifest: { schemaVersion: 2, mediaType, config, layers } };
}

function readDescriptor(value: unknown, where: string): Descriptor {
  if (!isObject(value)) throw new ManifestError(`invalid manifest: ${where}: not an object`);
  const { mediaType, digest, size } = value;
  if (typeof mediaType !== 'string' || mediaType === '') {
    throw new ManifestError(`invalid manifest: ${where}.mediaType: missing`);
  }
  if (typeof digest !== 'string') {
    throw new ManifestError(`invalid manifest: ${where}.digest: missing`);
  }
  const problem = validateDigest(digest);
  if (problem) throw new ManifestError(`invalid manifest: ${where}.digest: ${problem}`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new ManifestError(`invalid manifest: ${where}.size: not a non-negative integer`);
  }
  return { mediaType, digest, size };
}

/**
 * The module layer of a WebAssembly module image: exactly one layer, of type
 * `application/vnd.wasm.content.layer.v1+wasm`.
 * @returns the layer, or the reason the image is not a module image (`layer media type …`).
 */
export function wasmLayerOf(manifest: ImageManifest): Descriptor | { problem: string } {
  const { layers } = manifest;
  const foreign = layers.find((l) => l.mediaType !== MediaType.wasmLayer);
  if (foreign) {
    return { problem: `layer media type ${foreign.mediaType}, expected ${MediaType.wasmLayer}` };
  }
  const [layer] = layers;
  if (!layer) return { problem: 'no layers to pull' };
  if (layers.length > 1) {
    return { problem: `${layers.length} layers, expected exactly one ${MediaType.wasmLayer}` };
  }
  return layer;
}

/** A module image ready to push or serve: the blobs and the manifest that names them. */
export interface ModuleImage {
  manifest: Uint8Array;
  manifestDigest: string;
  config: Uint8Array;
  configDigest: string;
  layer: Uint8Array;
  layerDigest: string;
}

/**
 * Builds the OCI artifact for a module: config `{}` of type `application/vnd.wasm.config.v1+json`
 * (what `wasm-to-oci` pushed) and the module as the single layer. Deterministic: the same bytes
 * give the same digests.
 */
export async function buildModuleImage(
  bytes: Uint8Array,
  opts: { annotations?: Record<string, string> } = {},
): Promise<ModuleImage> {
  const encoder = new TextEncoder();
  const config = encoder.encode('{}');
  const [configDigest, layerDigest] = await Promise.all([sha256(config), sha256(bytes)]);
  const manifestObject: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.wasmConfig, digest: configDigest, size: config.length },
    layers: [{ mediaType: MediaType.wasmLayer, digest: layerDigest, size: bytes.length }],
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
  };
  const manifest = encoder.encode(JSON.stringify(manifestObject));
  return {
    manifest,
    manifestDigest: await sha256(manifest),
    config,
    configDigest,
    layer: bytes,
    layerDigest,
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
