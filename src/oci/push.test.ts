import { describe, expect, it } from 'vitest';
import { createImageStore } from './imageStore.ts';
import { buildModuleImage, MediaType } from './manifest.ts';
import { openPushTarget, pushBlob, pushModule, PushError, putManifest } from './push.ts';
import { wasmModule } from './testing/fixtures.ts';
import { createMemoryRegistry } from './testing/memoryRegistry.ts';

const base = 'http://127.0.0.1:5000';
const bytes = wasmModule('pushed');

describe('pushModule', () => {
  it.each([true, false])(
    'uploads config and layer (relative Location: %s), then PUTs the manifest',
    async (relativeLocation) => {
      const reg = createMemoryRegistry({ baseUrl: base, relativeLocation });
      const image = await buildModuleImage(bytes);
      const result = await pushModule({
        fetch: reg.fetch,
        image: '127.0.0.1:5000/org/app:v1',
        bytes,
      });
      expect(result).toEqual({
        ref: '127.0.0.1:5000/org/app:v1',
        manifestDigest: image.manifestDigest,
        configDigest: image.configDigest,
        layerDigest: image.layerDigest,
        uploaded: [image.configDigest, image.layerDigest],
      });
      expect(reg.requests).toEqual([
        `HEAD ${base}/v2/org/app/blobs/${image.configDigest}`,
        `POST ${base}/v2/org/app/blobs/uploads/`,
        `PUT ${base}/v2/org/app/blobs/uploads/1?_state=s1&digest=${encodeURIComponent(image.configDigest)}`,
        `HEAD ${base}/v2/org/app/blobs/${image.layerDigest}`,
        `POST ${base}/v2/org/app/blobs/uploads/`,
        `PUT ${base}/v2/org/app/blobs/uploads/2?_state=s2&digest=${encodeURIComponent(image.layerDigest)}`,
        `PUT ${base}/v2/org/app/manifests/v1`,
      ]);
      expect(reg.manifestTypes.get('v2/org/app/manifests/v1')).toBe(MediaType.ociManifest);
      expect(reg.files.get(`v2/org/app/blobs/${image.layerDigest}`)).toEqual(bytes);
    },
  );

  it('resolves a Location relative to the upload URL', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      intercept: (method) =>
        method === 'POST'
          ? new Response(null, { status: 202, headers: { Location: '7?_state=x' } })
          : undefined,
    });
    const result = await pushModule({ fetch: reg.fetch, image: '127.0.0.1:5000/app', bytes });
    expect(reg.requests).toContain(
      `PUT ${base}/v2/app/blobs/uploads/7?_state=x&digest=${encodeURIComponent(result.layerDigest)}`,
    );
  });

  it('skips blobs the registry has', async () => {
    const reg = createMemoryRegistry({ baseUrl: base });
    await pushModule({ fetch: reg.fetch, image: '127.0.0.1:5000/app:v1', bytes });
    reg.requests.length = 0;
    const again = await pushModule({ fetch: reg.fetch, image: '127.0.0.1:5000/app:v2', bytes });
    expect(again.uploaded).toEqual([]);
    expect(reg.requests.map((r) => r.split(' ')[0])).toEqual(['HEAD', 'HEAD', 'PUT']);
  });

  it('pushes what the store pulls back', async () => {
    const reg = createMemoryRegistry({ baseUrl: base });
    const pushed = await pushModule({ fetch: reg.fetch, image: '127.0.0.1:5000/app', bytes });
    const store = createImageStore({ fetch: reg.fetch, builtinRegistryUrl: 'http://unused.test' });
    const pulled = await store.pull({ image: '127.0.0.1:5000/app', policy: 'Always' });
    expect(pulled.imageID).toBe(`127.0.0.1:5000/app@${pushed.manifestDigest}`);
    expect(store.moduleBytes(pulled.digest)).toEqual(bytes);
  });

  it('pushes with credentials', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      auth: { kind: 'basic', username: 'u', password: 'p' },
    });
    await expect(
      pushModule({ fetch: reg.fetch, image: '127.0.0.1:5000/app:v1', bytes }),
    ).rejects.toThrow(
      new PushError(
        '127.0.0.1:5000/app:v1',
        `unexpected status from HEAD request to ${base}/v2/app/blobs/${(await buildModuleImage(bytes)).configDigest}: 401 Unauthorized: UNAUTHORIZED: authentication required`,
      ),
    );
    const auth = { '127.0.0.1:5000': { username: 'u', password: 'p' } };
    const result = await pushModule({
      fetch: reg.fetch,
      image: '127.0.0.1:5000/app:v1',
      bytes,
      auth,
    });
    expect(result.uploaded).toHaveLength(2);
  });

  it("names the registry's error codes when it refuses", async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      intercept: (method, url) =>
        method === 'PUT' && url.pathname.includes('/manifests/')
          ? Response.json(
              { errors: [{ code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry' }] },
              { status: 400 },
            )
          : undefined,
    });
    await expect(
      pushModule({ fetch: reg.fetch, image: '127.0.0.1:5000/app:v1', bytes }),
    ).rejects.toThrow(
      `failed to push "127.0.0.1:5000/app:v1": unexpected status from PUT request to ${base}/v2/app/manifests/v1: 400 Bad Request: MANIFEST_BLOB_UNKNOWN: blob unknown to registry`,
    );
  });

  it('needs a Location to upload to', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      intercept: (method) => (method === 'POST' ? new Response(null, { status: 202 }) : undefined),
    });
    await expect(
      pushModule({ fetch: reg.fetch, image: '127.0.0.1:5000/app', bytes }),
    ).rejects.toThrow(
      `failed to push "127.0.0.1:5000/app:latest": no Location header in the response to POST ${base}/v2/app/blobs/uploads/`,
    );
  });

  it('refuses the built-in registry and bad references', () => {
    expect(() => openPushTarget({ fetch, image: 'hello:v1' })).toThrow(
      'failed to push "hello:v1": playground.local is the built-in registry (static files); name a registry host, e.g. 127.0.0.1:5000/hello',
    );
    expect(() => openPushTarget({ fetch, image: 'Bad Name' })).toThrow(
      'failed to push "Bad Name": invalid reference format',
    );
  });
});

describe('pushBlob and putManifest', () => {
  it('push any manifest, e.g. an index, under a tag', async () => {
    const reg = createMemoryRegistry({ baseUrl: base });
    const target = openPushTarget({ fetch: reg.fetch, image: '127.0.0.1:5000/multi:v1' });
    expect(await pushBlob(target, bytes)).toMatchObject({ uploaded: true });
    expect(await pushBlob(target, bytes)).toMatchObject({ uploaded: false });
    const index = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, manifests: [] }));
    const digest = await putManifest(target, index, MediaType.ociIndex);
    expect(reg.manifestTypes.get('v2/multi/manifests/v1')).toBe(MediaType.ociIndex);
    expect(reg.files.get(`v2/multi/manifests/${digest}`)).toEqual(index);
  });
});
