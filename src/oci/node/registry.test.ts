/**
 * The store and push code against a real registry: Debian's docker-registry on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImagePullError, type PullRequest } from '../../kubelet-core/ports.ts';
import { authFromDockerConfigJson } from '../auth.ts';
import { createImageStore } from '../imageStore.ts';
import { MediaType } from '../manifest.ts';
import { openPushTarget, pushBlob, pushModule, putManifest, type PushResult } from '../push.ts';
import { descriptor, manifestWithLayers, TAR_GZIP_LAYER, wasmModule } from '../testing/fixtures.ts';
import { dockerRegistryMissing, startRegistry, type RegistryProcess } from './registryProcess.ts';
import { opensslMissing, startTokenServer, type TokenServer } from './tokenServer.ts';

const missing = dockerRegistryMissing();
const BUILTIN = 'http://builtin.invalid/modules';
const modules = [
  'hello',
  'hello-world',
  'exerciser',
  'ticker',
  'crasher',
  'oom',
  'flood',
  'compute',
];

const newStore = () => createImageStore({ fetch, builtinRegistryUrl: BUILTIN });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the pull to fail');
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(ImagePullError);
      return err as ImagePullError;
    },
  );

describe.skipIf(missing)(
  missing ? `docker-registry: ${missing}` : 'docker-registry without auth',
  () => {
    let registry: RegistryProcess;
    const pushed = new Map<string, PushResult>();
    const ref = (name: string) => `${registry.host}/${name}`;

    beforeAll(async () => {
      registry = await startRegistry();
      for (const name of modules) {
        pushed.set(
          name,
          await pushModule({ fetch, image: ref(`wasm/${name}:v1`), bytes: wasmModule(name) }),
        );
      }
    });
    afterAll(() => registry?.stop());

    it('pushes every module, uploading config once per repository and each layer', () => {
      expect(pushed.get('hello')?.uploaded).toHaveLength(2);
      expect(pushed.get('hello')?.ref).toBe(ref('wasm/hello:v1'));
    });

    it('skips blobs the registry already has', async () => {
      const again = await pushModule({
        fetch,
        image: ref('wasm/hello:again'),
        bytes: wasmModule('hello'),
      });
      expect(again.uploaded).toEqual([]);
      expect(again.manifestDigest).toBe(pushed.get('hello')?.manifestDigest);
    });

    it.each(modules)('pulls %s by tag', async (name) => {
      const store = newStore();
      const pulled = await store.pull({ image: ref(`wasm/${name}:v1`), policy: 'IfNotPresent' });
      expect(pulled).toMatchObject({
        imageID: `${ref(`wasm/${name}`)}@${pushed.get(name)?.manifestDigest}`,
        digest: pushed.get(name)?.layerDigest,
        cached: false,
      });
      expect(store.moduleBytes(pulled.digest)).toEqual(wasmModule(name));
    });

    it('pulls by digest', async () => {
      const { manifestDigest, layerDigest } = pushed.get('ticker')!;
      const pulled = await newStore().pull({
        image: ref(`wasm/ticker@${manifestDigest}`),
        policy: 'Always',
      });
      expect(pulled.digest).toBe(layerDigest);
    });

    it('Always re-resolves: the same layer is not fetched again, a moved tag is followed', async () => {
      const store = newStore();
      const req: PullRequest = { image: ref('moving:latest'), policy: 'Always' };
      await pushModule({ fetch, image: req.image, bytes: wasmModule('first') });
      expect((await store.pull(req)).cached).toBe(false);
      expect((await store.pull(req)).cached).toBe(true);
      const second = await pushModule({ fetch, image: req.image, bytes: wasmModule('second') });
      const moved = await store.pull(req);
      expect(moved).toMatchObject({ digest: second.layerDigest, cached: false });
      expect(store.moduleBytes(moved.digest)).toEqual(wasmModule('second'));
    });

    it('IfNotPresent keeps what it has; Never uses it or fails', async () => {
      const store = newStore();
      const image = ref('wasm/crasher:v1');
      await expect(store.pull({ image, policy: 'Never' })).rejects.toThrow(
        new ImagePullError(
          'ErrImageNeverPull',
          `Container image "${image}" is not present with pull policy of Never`,
        ),
      );
      await store.pull({ image, policy: 'IfNotPresent' });
      expect(await store.pull({ image, policy: 'IfNotPresent' })).toMatchObject({ cached: true });
      expect(await store.pull({ image, policy: 'Never' })).toMatchObject({ cached: true });
    });

    it('not found', async () => {
      const image = ref('wasm/hello:v404');
      const err = await failure(newStore().pull({ image, policy: 'Always' }));
      expect(err.message).toBe(
        `failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`,
      );
    });

    it('a container image (tar+gzip layer) is not a module image', async () => {
      const target = openPushTarget({ fetch, image: ref('not-wasm:v1') });
      const layer = new Uint8Array([0x1f, 0x8b, 8, 0]);
      await pushBlob(target, layer);
      await pushBlob(target, new TextEncoder().encode('{}'));
      const manifest = await manifestWithLayers([await descriptor(TAR_GZIP_LAYER, layer)]);
      await putManifest(
        target,
        new TextEncoder().encode(JSON.stringify(manifest)),
        MediaType.ociManifest,
      );
      const err = await failure(newStore().pull({ image: ref('not-wasm:v1'), policy: 'Always' }));
      expect(err.message).toBe(
        `failed to pull and unpack image "${ref('not-wasm:v1')}": ${ref('not-wasm:v1')} is not a WebAssembly module image: layer media type ${TAR_GZIP_LAYER}, expected ${MediaType.wasmLayer}`,
      );
    });

    it('an image index is not a module image', async () => {
      const hello = pushed.get('hello')!;
      const target = openPushTarget({ fetch, image: ref('wasm/hello:multi') });
      const index = {
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          {
            mediaType: MediaType.ociManifest,
            digest: hello.manifestDigest,
            size: (
              await fetch(`${registry.url}/v2/wasm/hello/manifests/v1`).then((r) => r.arrayBuffer())
            ).byteLength,
            platform: { architecture: 'wasm', os: 'wasip1' },
          },
        ],
      };
      await putManifest(
        target,
        new TextEncoder().encode(JSON.stringify(index)),
        MediaType.ociIndex,
      );
      const image = ref('wasm/hello:multi');
      const err = await failure(newStore().pull({ image, policy: 'Always' }));
      expect(err.message).toBe(
        `failed to pull and unpack image "${image}": ${image} is not a WebAssembly module image: unsupported media type ${MediaType.ociIndex} (an image index)`,
      );
    });
  },
);

describe.skipIf(missing)(
  missing ? `docker-registry: ${missing}` : 'docker-registry with htpasswd',
  () => {
    let registry: RegistryProcess;
    let dockerconfigjson: string;
    beforeAll(async () => {
      registry = await startRegistry({ auth: { kind: 'htpasswd' } });
      const { username, password } = registry.credentials!;
      dockerconfigjson = JSON.stringify({
        auths: { [registry.host]: { auth: btoa(`${username}:${password}`) } },
      });
      await pushModule({
        fetch,
        image: `${registry.host}/private/hello:v1`,
        bytes: wasmModule('hello'),
        auth: authFromDockerConfigJson(dockerconfigjson),
      });
    });
    afterAll(() => registry?.stop());

    it('answers 401 without credentials', async () => {
      const image = `${registry.host}/private/hello:v1`;
      const err = await failure(newStore().pull({ image, policy: 'Always' }));
      expect(err.message).toBe(
        `failed to pull and unpack image "${image}": failed to resolve reference "${image}": unexpected status from GET request to ${registry.url}/v2/private/hello/manifests/v1: 401 Unauthorized`,
      );
    });

    it('answers 401 to wrong credentials', async () => {
      const image = `${registry.host}/private/hello:v1`;
      const auth = { [registry.host]: { username: 'docker', password: 'wrong' } };
      const err = await failure(newStore().pull({ image, policy: 'Always', auth }));
      expect(err.message).toMatch(/: 401 Unauthorized$/);
    });

    it('pulls with the credentials of a .dockerconfigjson', async () => {
      const image = `${registry.host}/private/hello:v1`;
      const auth = authFromDockerConfigJson(dockerconfigjson);
      const store = newStore();
      const pulled = await store.pull({ image, policy: 'Always', auth });
      expect(store.moduleBytes(pulled.digest)).toEqual(wasmModule('hello'));
    });
  },
);

const noToken = missing ?? opensslMissing();
describe.skipIf(noToken)(
  noToken ? `docker-registry token auth: ${noToken}` : 'docker-registry with token auth',
  () => {
    let registry: RegistryProcess;
    let tokens: TokenServer;
    const auth = () => ({ [registry.host]: { username: 'alice', password: 's3cret' } });

    beforeAll(async () => {
      tokens = await startTokenServer({ users: { alice: 's3cret' } });
      const { realm, service, issuer, rootCertBundle } = tokens;
      registry = await startRegistry({
        auth: { kind: 'token', realm, service, issuer, rootCertBundle },
      });
      await pushModule({
        fetch,
        image: `${registry.host}/team/app:v1`,
        bytes: wasmModule('app'),
        auth: auth(),
      });
    });
    afterAll(async () => {
      await registry?.stop();
      await tokens?.stop();
    });

    it('pushed with a push-scoped token', () => {
      // The registry's challenge names the actions; their order is the registry's, not ours.
      const scopes = tokens.requests.map((r) => new URL(r, 'http://x').searchParams.get('scope'));
      const pushScoped = scopes.filter((s) => {
        const m = /^repository:team\/app:(.+)$/.exec(s ?? '');
        return m !== null && m[1]!.split(',').sort().join(',') === 'pull,push';
      });
      expect(pushScoped, `token requests: ${JSON.stringify(tokens.requests)}`).not.toEqual([]);
    });

    it('pulls with a token fetched with Basic credentials', async () => {
      const pulled = await newStore().pull({
        image: `${registry.host}/team/app:v1`,
        policy: 'Always',
        auth: auth(),
      });
      expect(pulled.imageID).toMatch(new RegExp(`^${registry.host}/team/app@sha256:`));
      expect(tokens.requests.at(-1)).toBe(
        `/token?service=${tokens.service}&scope=${encodeURIComponent('repository:team/app:pull')}`,
      );
    });

    it('cannot get an anonymous token', async () => {
      const image = `${registry.host}/team/app:v1`;
      const err = await failure(newStore().pull({ image, policy: 'Always' }));
      const tokenUrl = `${tokens.realm}?service=${tokens.service}&scope=${encodeURIComponent('repository:team/app:pull')}`;
      expect(err.message).toBe(
        `failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to ${tokenUrl}: 401 Unauthorized`,
      );
    });
  },
);
