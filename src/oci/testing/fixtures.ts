/**
 * Test fixtures: tiny valid Wasm modules and the registry files of images of every shape the
 * store must accept or reject, laid out as the built-in registry lays them out.
 */
import { sha256 } from '../digest.ts';
import { buildModuleImage, MediaType, type ModuleImage } from '../manifest.ts';

/** A valid, empty Wasm module whose bytes differ by `label` (a custom section named so). */
export function wasmModule(label: string): Uint8Array {
  const name = new TextEncoder().encode(label);
  if (name.length > 100) throw new Error('wasmModule: label longer than 100 bytes');
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    0x00, // custom section
    name.length + 1,
    name.length,
    ...name,
  ]);
}

/**
 * The smallest WASI command: exports `memory` and an empty `_start`, with `label` in a custom
 * section so that different labels give different digests.
 */
export function wasiCommand(label: string): Uint8Array {
  const name = new TextEncoder().encode(label);
  if (name.length > 100) throw new Error('wasiCommand: label longer than 100 bytes');
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00], // type: () -> ()
    ...[0x03, 0x02, 0x01, 0x00], // function 0 has type 0
    ...[0x05, 0x03, 0x01, 0x00, 0x01], // one memory, min 1 page
    ...[
      0x07,
      0x13,
      0x02,
      0x06,
      ...ascii('memory'),
      0x02,
      0x00,
      0x06,
      ...ascii('_start'),
      0x00,
      0x00,
    ],
    ...[0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b], // _start: no locals, end
    ...[0x00, name.length + 1, name.length, ...name], // custom section named `label`
  ]);
}

/** Registry files by path under the registry root: `v2/<repo>/manifests/<ref>`, `…/blobs/<d>`. */
export type RegistryFiles = Map<string, Uint8Array>;

/** Adds a module image under `tags` (and its digest); returns the built image. */
export async function addModuleImage(
  files: RegistryFiles,
  repo: string,
  tags: string[],
  bytes: Uint8Array,
): Promise<ModuleImage> {
  const image = await buildModuleImage(bytes);
  files.set(`v2/${repo}/blobs/${image.configDigest}`, image.config);
  files.set(`v2/${repo}/blobs/${image.layerDigest}`, image.layer);
  addManifest(files, repo, [...tags, image.manifestDigest], image.manifest);
  return image;
}

/** Adds a manifest document (any JSON) under each of `refs`; returns its bytes and digest. */
export async function addManifestJson(
  files: RegistryFiles,
  repo: string,
  tags: string[],
  doc: unknown,
): Promise<{ bytes: Uint8Array; digest: string }> {
  const bytes = new TextEncoder().encode(JSON.stringify(doc));
  const digest = await sha256(bytes);
  addManifest(files, repo, [...tags, digest], bytes);
  return { bytes, digest };
}

function addManifest(files: RegistryFiles, repo: string, refs: string[], bytes: Uint8Array): void {
  for (const ref of refs) files.set(`v2/${repo}/manifests/${ref}`, bytes);
}

/** A descriptor of `bytes` with `mediaType`. */
export async function descriptor(mediaType: string, bytes: Uint8Array) {
  return { mediaType, digest: await sha256(bytes), size: bytes.length };
}

/** A manifest whose layers are `layers` (config `{}` of the Wasm config type). */
export async function manifestWithLayers(
  layers: { mediaType: string; digest: string; size: number }[],
  mediaType: string = MediaType.ociManifest,
) {
  const config = await descriptor(MediaType.wasmConfig, new TextEncoder().encode('{}'));
  return { schemaVersion: 2, mediaType, config, layers };
}

/** The tar+gzip layer media type of ordinary container images. */
export const TAR_GZIP_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
