import { describe, expect, it } from 'vitest';
import { sha256 } from './digest.ts';
import {
  type Descriptor,
  buildModuleImage,
  ManifestError,
  MediaType,
  parseManifest,
  wasmLayerOf,
} from './manifest.ts';
import { wasmModule } from './testing/fixtures.ts';

const enc = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const d = (c: string) => `sha256:${c.repeat(64)}`;
const config = { mediaType: MediaType.wasmConfig, digest: d('c'), size: 2 };
const wasm: Descriptor = { mediaType: MediaType.wasmLayer, digest: d('1'), size: 10 };

describe('parseManifest', () => {
  it('reads an OCI manifest served as application/octet-stream (a static file host)', () => {
    const doc = { schemaVersion: 2, mediaType: MediaType.ociManifest, config, layers: [wasm] };
    expect(parseManifest(enc(doc), 'application/octet-stream')).toEqual({
      kind: 'manifest',
      mediaType: MediaType.ociManifest,
      manifest: { schemaVersion: 2, mediaType: MediaType.ociManifest, config, layers: [wasm] },
    });
  });

  it('takes the media type from Content-Type when the body has none', () => {
    const doc = { schemaVersion: 2, config, layers: [wasm] };
    const parsed = parseManifest(enc(doc), `${MediaType.dockerManifest}; charset=utf-8`);
    expect(parsed.mediaType).toBe(MediaType.dockerManifest);
  });

  it('infers the type from the shape when neither says', () => {
    expect(parseManifest(enc({ schemaVersion: 2, manifests: [] }), null)).toEqual({
      kind: 'index',
      mediaType: MediaType.ociIndex,
    });
    expect(parseManifest(enc({ schemaVersion: 2, config, layers: [] }), null).kind).toBe(
      'manifest',
    );
  });

  it.each([MediaType.ociIndex, MediaType.dockerManifestList])('recognizes %s as an index', (mt) => {
    expect(parseManifest(enc({ schemaVersion: 2, mediaType: mt, manifests: [] }), null)).toEqual({
      kind: 'index',
      mediaType: mt,
    });
  });

  it.each([
    ['<html>', 'failed to unmarshal manifest: Unexpected token \'<\', "<html>" is not valid JSON'],
    ['[1]', 'failed to unmarshal manifest: not a JSON object'],
    [
      { mediaType: 'application/vnd.docker.distribution.manifest.v1+json' },
      'unsupported media type application/vnd.docker.distribution.manifest.v1+json',
    ],
    [
      { schemaVersion: 1, config, layers: [] },
      'invalid manifest: schemaVersion: expected 2, got 1',
    ],
    [{ schemaVersion: 2, layers: [] }, 'invalid manifest: config: not an object'],
    [{ schemaVersion: 2, config, layers: {} }, 'invalid manifest: layers: not an array'],
    [
      { schemaVersion: 2, config, layers: [{ ...wasm, mediaType: '' }] },
      'invalid manifest: layers[0].mediaType: missing',
    ],
    [
      { schemaVersion: 2, config, layers: [wasm, { ...wasm, digest: 7 }] },
      'invalid manifest: layers[1].digest: missing',
    ],
    [
      { schemaVersion: 2, config, layers: [{ ...wasm, digest: 'sha256:12' }] },
      'invalid manifest: layers[0].digest: invalid checksum digest length',
    ],
    [
      { schemaVersion: 2, config: { ...config, size: -1 }, layers: [] },
      'invalid manifest: config.size: not a non-negative integer',
    ],
  ])('rejects %j: %s', (doc, message) => {
    expect(() => parseManifest(enc(doc), null)).toThrow(new ManifestError(message));
  });
});

describe('wasmLayerOf', () => {
  const manifest = (layers: Descriptor[]) => ({ schemaVersion: 2 as const, config, layers });

  it('returns the single module layer', () => {
    expect(wasmLayerOf(manifest([wasm]))).toEqual(wasm);
  });

  it.each([
    [
      [{ ...wasm, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' }],
      `layer media type application/vnd.oci.image.layer.v1.tar+gzip, expected ${MediaType.wasmLayer}`,
    ],
    [
      [wasm, { ...wasm, mediaType: 'text/plain' }],
      `layer media type text/plain, expected ${MediaType.wasmLayer}`,
    ],
    [[], 'no layers to pull'],
    [[wasm, wasm], `2 layers, expected exactly one ${MediaType.wasmLayer}`],
  ])('explains why %j is not a module image', (layers, problem) => {
    expect(wasmLayerOf(manifest(layers))).toEqual({ problem });
  });
});

describe('buildModuleImage', () => {
  it('builds the wasm-to-oci artifact shape, deterministically', async () => {
    const bytes = wasmModule('hello');
    const image = await buildModuleImage(bytes);
    expect(JSON.parse(new TextDecoder().decode(image.manifest))).toEqual({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.wasmConfig, digest: await sha256(enc('{}')), size: 2 },
      layers: [{ mediaType: MediaType.wasmLayer, digest: await sha256(bytes), size: bytes.length }],
    });
    expect(image.manifestDigest).toBe(await sha256(image.manifest));
    expect(image.layerDigest).toBe(await sha256(bytes));
    expect((await buildModuleImage(bytes)).manifestDigest).toBe(image.manifestDigest);
    expect((await buildModuleImage(wasmModule('other'))).manifestDigest).not.toBe(
      image.manifestDigest,
    );
  });

  it('carries manifest annotations when given', async () => {
    const image = await buildModuleImage(wasmModule('x'), { annotations: { a: 'b' } });
    expect(JSON.parse(new TextDecoder().decode(image.manifest)).annotations).toEqual({ a: 'b' });
  });
});
