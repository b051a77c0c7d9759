import { beforeEach, describe, expect, it } from 'vitest';
import { authFromDockerConfigJson } from './auth.ts';
import { createImageStore } from './imageStore.ts';
import { closedPort } from './testing/closedPort.ts';
import { addModuleImage } from './testing/fixtures.ts';
import {
  BUILTIN,
  createStoreHarness,
  pull,
  pullError,
  unresolved,
  type StoreHarness,
} from './testing/storeHarness.ts';

let h: StoreHarness;
beforeEach(async () => {
  h = await createStoreHarness();
});

describe('real registries', () => {
  it('reaches host:port over https, loopback over http, and insecure registries over http', async () => {
    for (const base of [
      'https://registry.example.com',
      'http://127.0.0.1:5000',
      'http://10.1.2.3:5000',
    ]) {
      const reg = h.remote(base);
      await addModuleImage(reg.files, 'org/app', ['v1'], h.hello);
    }
    const s = h.store({ insecureRegistries: ['10.1.2.3:5000'] });
    for (const host of ['registry.example.com', '127.0.0.1:5000', '10.1.2.3:5000']) {
      const pulled = await pull(s, `${host}/org/app:v1`);
      expect(pulled.imageID).toBe(`${host}/org/app@${h.helloImage.manifestDigest}`);
    }
    expect([...h.remotes.values()].map((r) => r.requests[0])).toEqual([
      'GET https://registry.example.com/v2/org/app/manifests/v1',
      'GET http://127.0.0.1:5000/v2/org/app/manifests/v1',
      'GET http://10.1.2.3:5000/v2/org/app/manifests/v1',
    ]);
  });

  it('without credentials: 401 Unauthorized', async () => {
    const reg = h.remote('https://registry.example.com', {
      auth: { kind: 'basic', username: 'u', password: 'p' },
    });
    await addModuleImage(reg.files, 'app', ['v1'], h.hello);
    const err = await pullError(pull(h.store(), 'registry.example.com/app:v1'));
    expect(err.message).toBe(
      unresolved(
        'registry.example.com/app:v1',
        'unexpected status from GET request to https://registry.example.com/v2/app/manifests/v1: 401 Unauthorized',
      ),
    );
  });

  it('with credentials from a .dockerconfigjson: Basic', async () => {
    const reg = h.remote('https://registry.example.com', {
      auth: { kind: 'basic', username: 'u', password: 'p' },
    });
    await addModuleImage(reg.files, 'app', ['v1'], h.hello);
    const auth = authFromDockerConfigJson(
      JSON.stringify({ auths: { 'https://registry.example.com': { auth: btoa('u:p') } } }),
    );
    expect((await pull(h.store(), 'registry.example.com/app:v1', 'Always', auth)).digest).toBe(
      h.helloImage.layerDigest,
    );
  });

  it('with credentials: the token flow', async () => {
    const reg = h.remote('https://registry.example.com', {
      auth: { kind: 'bearer', username: 'u', password: 'p' },
    });
    await addModuleImage(reg.files, 'app', ['v1'], h.hello);
    const auth = { 'registry.example.com': { username: 'u', password: 'p' } };
    expect((await pull(h.store(), 'registry.example.com/app:v1', 'Always', auth)).cached).toBe(
      false,
    );
    expect(reg.requests.filter((r) => r.includes('/token?'))).toHaveLength(1);
    const err = await pullError(pull(h.store(), 'registry.example.com/app:v1'));
    expect(err.message).toBe(
      unresolved(
        'registry.example.com/app:v1',
        'failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://registry.example.com/token?service=memory&scope=repository%3Aapp%3Apull: 401 Unauthorized',
      ),
    );
  });

  it('connection refused', async () => {
    const port = await closedPort();
    const s = createImageStore({ fetch, builtinRegistryUrl: BUILTIN });
    const ref = `127.0.0.1:${port}/app:v1`;
    const url = `http://127.0.0.1:${port}/v2/app/manifests/v1`;
    expect((await pullError(pull(s, ref))).message).toBe(
      unresolved(
        ref,
        `failed to do request: Get "${url}": dial tcp 127.0.0.1:${port}: connect: connection refused`,
      ),
    );
  });
});
