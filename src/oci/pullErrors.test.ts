import { beforeEach, describe, expect, it } from 'vitest';
import type { PullRequest } from '../kubelet-core/ports.ts';
import { MediaType } from './manifest.ts';
import {
  addManifestJson,
  descriptor,
  manifestWithLayers,
  TAR_GZIP_LAYER,
  wasmModule,
} from './testing/fixtures.ts';
import {
  BUILTIN,
  createStoreHarness,
  failed,
  pull,
  pullError,
  unresolved,
  type StoreHarness,
} from './testing/storeHarness.ts';

let h: StoreHarness;
beforeEach(async () => {
  h = await createStoreHarness();
});

describe('pull failures', () => {
  it.each([
    ['hello:v9', 'playground.local/hello:v9'],
    ['nginx', 'playground.local/nginx:latest'],
    ['org/app:1.0', 'playground.local/org/app:1.0'],
  ])('%s: not found', async (image, ref) => {
    const err = await pullError(pull(h.store(), image));
    expect(err.reason).toBe('ErrImagePull');
    expect(err.message).toBe(unresolved(ref, `${ref}: not found`));
    // containerd's errdefs.ErrNotFound: CRI answers with gRPC NotFound.
    expect(err.grpcCode).toBe('NotFound');
  });

  it('an unparsable reference: InvalidImageName, in the kubelet words', async () => {
    const err = await pullError(pull(h.store(), 'Hello:v1'));
    expect(err.reason).toBe('InvalidImageName');
    expect(err.message).toBe(
      'Failed to apply default image tag "Hello:v1": couldn\'t parse image name "Hello:v1": invalid reference format: repository name (library/Hello) must be lowercase',
    );
  });

  it.each([
    [MediaType.ociIndex, 'an image index'],
    [MediaType.dockerManifestList, 'a manifest list'],
  ])('a %s is not a module image', async (mediaType, what) => {
    await addManifestJson(h.files, 'not-wasm-index', ['latest'], {
      schemaVersion: 2,
      mediaType,
      manifests: [],
    });
    const err = await pullError(pull(h.store(), 'not-wasm-index'));
    const ref = 'playground.local/not-wasm-index:latest';
    expect(err.message).toBe(
      failed(
        ref,
        `${ref} is not a WebAssembly module image: unsupported media type ${mediaType} (${what})`,
      ),
    );
  });

  it('a container image is not a module image: layer media type', async () => {
    const layer = await descriptor(TAR_GZIP_LAYER, new Uint8Array([0x1f, 0x8b]));
    await addManifestJson(h.files, 'not-wasm', ['latest'], await manifestWithLayers([layer]));
    const err = await pullError(pull(h.store(), 'not-wasm'));
    const ref = 'playground.local/not-wasm:latest';
    expect(err.message).toBe(
      failed(
        ref,
        `${ref} is not a WebAssembly module image: layer media type ${TAR_GZIP_LAYER}, expected ${MediaType.wasmLayer}`,
      ),
    );
  });

  it.each([
    [0, 'no layers to pull'],
    [2, `2 layers, expected exactly one ${MediaType.wasmLayer}`],
  ])('%i module layers is not a module image', async (count, problem) => {
    const layer = await descriptor(MediaType.wasmLayer, h.hello);
    await addManifestJson(
      h.files,
      'odd',
      ['v1'],
      await manifestWithLayers(Array(count).fill(layer)),
    );
    const err = await pullError(pull(h.store(), 'odd:v1'));
    expect(err.message).toBe(
      failed(
        'playground.local/odd:v1',
        `playground.local/odd:v1 is not a WebAssembly module image: ${problem}`,
      ),
    );
  });

  it('a layer whose bytes do not match its digest', async () => {
    const tampered = wasmModule('tampered');
    h.files.set(`v2/hello/blobs/${h.helloImage.layerDigest}`, tampered.slice(0, h.hello.length));
    const actual = await descriptor('', tampered.slice(0, h.hello.length));
    const s = h.store();
    const err = await pullError(pull(s, 'hello:v1'));
    expect(err.message).toBe(
      failed(
        'playground.local/hello:v1',
        `failed commit on ref "layer-${h.helloImage.layerDigest}": unexpected commit digest ${actual.digest}, expected ${h.helloImage.layerDigest}: failed precondition`,
      ),
    );
    expect(err.grpcCode).toBe('FailedPrecondition');
    expect(s.moduleBytes(h.helloImage.layerDigest)).toBeUndefined();
    expect(s.lookup('hello:v1')).toBeUndefined();
  });

  it('a layer of the wrong size', async () => {
    h.files.set(`v2/hello/blobs/${h.helloImage.layerDigest}`, new Uint8Array(3));
    const err = await pullError(pull(h.store(), 'hello:v1'));
    expect(err.message).toBe(
      failed(
        'playground.local/hello:v1',
        `failed commit on ref "layer-${h.helloImage.layerDigest}": unexpected commit size 3, expected ${h.hello.length}: failed precondition`,
      ),
    );
  });

  it('a missing or failing layer blob', async () => {
    h.files.delete(`v2/hello/blobs/${h.helloImage.layerDigest}`);
    const url = `${BUILTIN}/v2/hello/blobs/${h.helloImage.layerDigest}`;
    expect((await pullError(pull(h.store(), 'hello:v1'))).message).toBe(
      failed(
        'playground.local/hello:v1',
        `failed to copy: httpReadSeeker: failed open: content at ${url} not found: not found`,
      ),
    );
    h.interceptBuiltin((_m, u) =>
      u.pathname.includes('/blobs/') ? new Response('', { status: 503 }) : undefined,
    );
    expect((await pullError(pull(h.store(), 'hello:v1'))).message).toBe(
      failed(
        'playground.local/hello:v1',
        `failed to copy: httpReadSeeker: failed open: unexpected status from GET request to ${url}: 503 Service Unavailable`,
      ),
    );
  });

  it('a manifest that is not JSON (an HTML fallback page)', async () => {
    h.files.set('v2/html/manifests/latest', new TextEncoder().encode('<!doctype html>'));
    expect((await pullError(pull(h.store(), 'html'))).message).toBe(
      failed(
        'playground.local/html:latest',
        'failed to unmarshal manifest: Unexpected token \'<\', "<!doctype html>" is not valid JSON',
      ),
    );
  });

  it('a registry error while resolving', async () => {
    h.interceptBuiltin(() => new Response('', { status: 500 }));
    const err = await pullError(pull(h.store(), 'hello:v1'));
    expect(err.grpcCode).toBe('Unknown');
    expect(err.message).toBe(
      unresolved(
        'playground.local/hello:v1',
        `unexpected status from GET request to ${BUILTIN}/v2/hello/manifests/v1: 500 Internal Server Error`,
      ),
    );
  });

  it('a name whose first element only looks like a host', async () => {
    expect((await pullError(pull(h.store(), 'a_b.c/d:v1'))).message).toBe(
      unresolved(
        'a_b.c/d:v1',
        'failed to do request: Get "https:///v2/a_b.c/d/manifests/v1": http: no Host in request URL',
      ),
    );
  });

  it('an unknown pull policy', async () => {
    const err = await pullError(pull(h.store(), 'hello', 'Sometimes' as PullRequest['policy']));
    expect(err.message).toBe('unsupported image pull policy "Sometimes"');
  });
});
