import { beforeEach, describe, expect, it } from 'vitest';
import { createImageStore } from './imageStore.ts';
import { addModuleImage, wasiCommand, wasmModule } from './testing/fixtures.ts';
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

describe('the built-in registry', () => {
  it('pulls a short name: manifest by tag, then the layer by digest', async () => {
    const s = h.store();
    expect(await pull(s, 'hello:v1')).toEqual({
      image: 'hello:v1',
      imageID: `playground.local/hello@${h.helloImage.manifestDigest}`,
      digest: h.helloImage.layerDigest,
      sizeBytes: h.helloImage.manifest.length + 2 + h.hello.length,
      cached: false,
    });
    expect(s.moduleBytes(h.helloImage.layerDigest)).toEqual(h.hello);
    expect(h.builtin.requests).toEqual([
      `GET ${BUILTIN}/v2/hello/manifests/v1`,
      `GET ${BUILTIN}/v2/hello/blobs/${h.helloImage.layerDigest}`,
    ]);
  });

  it.each([
    'hello',
    'hello:latest',
    'library/hello',
    'docker.io/library/hello:latest',
    'index.docker.io/hello',
    'playground.local/hello:latest',
  ])('resolves %s to the same image', async (image) => {
    const pulled = await pull(h.store(), image);
    expect(pulled.imageID).toBe(`playground.local/hello@${h.helloImage.manifestDigest}`);
    expect(pulled.image).toBe(image);
  });

  it('pulls by digest, with or without a tag', async () => {
    const s = h.store();
    const byDigest = `hello@${h.helloImage.manifestDigest}`;
    expect((await pull(s, byDigest)).digest).toBe(h.helloImage.layerDigest);
    expect((await pull(s, `hello:v9@${h.helloImage.manifestDigest}`)).digest).toBe(
      h.helloImage.layerDigest,
    );
    expect(h.builtin.requests[0]).toBe(
      `GET ${BUILTIN}/v2/hello/manifests/${h.helloImage.manifestDigest}`,
    );
  });

  it('verifies the manifest it pulled by digest', async () => {
    const wanted = `sha256:${'e'.repeat(64)}`;
    h.files.set(`v2/hello/manifests/${wanted}`, h.helloImage.manifest);
    const err = await pullError(pull(h.store(), `hello@${wanted}`));
    expect(err.reason).toBe('ErrImagePull');
    expect(err.message).toBe(
      failed(
        `playground.local/hello@${wanted}`,
        `failed commit on ref "manifest-${wanted}": unexpected commit digest ${h.helloImage.manifestDigest}, expected ${wanted}: failed precondition`,
      ),
    );
  });

  it.each([
    ['webassembly.azurecr.io/hello-wasm:v1', 'hello'],
    ['webassembly.azurecr.io/hello-world-wasi-rust:v0.1.0', 'hello-world'],
    ['webassembly.azurecr.io/hello-world-wasi-rust:v0.2.0', 'hello-world'],
  ])("serves Krustlet's %s from our %s", async (image, repo) => {
    const pulled = await pull(h.store(), image);
    expect(pulled.imageID).toMatch(new RegExp(`^playground\\.local/${repo}@sha256:`));
    expect(pulled.image).toBe(image);
  });

  it('sends other tags of those repositories to their registry', async () => {
    const err = await pullError(pull(h.store(), 'webassembly.azurecr.io/hello-wasm:v2'));
    const ref = 'webassembly.azurecr.io/hello-wasm:v2';
    expect(err.message).toBe(
      unresolved(
        ref,
        'failed to do request: Get "https://webassembly.azurecr.io/v2/hello-wasm/manifests/v2": dial tcp: lookup webassembly.azurecr.io: no such host',
      ),
    );
  });

  it('goes by the configured name', async () => {
    const s = h.store({ builtinRegistryName: 'modules.example' });
    expect((await pull(s, 'modules.example/hello:v1')).imageID).toBe(
      `modules.example/hello@${h.helloImage.manifestDigest}`,
    );
    const err = await pullError(pull(s, 'nope'));
    expect(err.message).toBe(
      unresolved('modules.example/nope:latest', 'modules.example/nope:latest: not found'),
    );
  });
});

describe('createImageStore', () => {
  it('needs an absolute URL for the built-in registry', () => {
    expect(() => createImageStore({ fetch, builtinRegistryUrl: '/modules' })).toThrow(
      'builtinRegistryUrl must be an absolute URL, got "/modules"',
    );
  });
});

describe('pull policy', () => {
  it('Always re-resolves the tag every time and reuses a layer it has', async () => {
    const s = h.store();
    await pull(s, 'hello:v1');
    h.builtin.requests.length = 0;
    expect((await pull(s, 'hello:v1')).cached).toBe(true);
    expect((await pull(s, 'hello:latest')).cached).toBe(true);
    expect(h.builtin.requests).toEqual([
      `GET ${BUILTIN}/v2/hello/manifests/v1`,
      `GET ${BUILTIN}/v2/hello/manifests/latest`,
    ]);
  });

  it('Always follows a tag that moved', async () => {
    const s = h.store();
    const before = await pull(s, 'hello:v1');
    const moved = await addModuleImage(h.files, 'hello', ['v1'], wasmModule('hello v2'));
    const after = await pull(s, 'hello:v1');
    expect(after).toMatchObject({ digest: moved.layerDigest, cached: false });
    expect(after.imageID).toBe(`playground.local/hello@${moved.manifestDigest}`);
    expect(s.lookup('hello:v1')?.digest).toBe(moved.layerDigest);
    expect(s.lookup(before.imageID)?.digest).toBe(before.digest);
  });

  it('IfNotPresent uses an image pulled before under that reference, without a request', async () => {
    const s = h.store();
    const first = await pull(s, 'hello:v1', 'IfNotPresent');
    expect(first.cached).toBe(false);
    h.builtin.requests.length = 0;
    expect(await pull(s, 'hello:v1', 'IfNotPresent')).toEqual({ ...first, cached: true });
    expect(await pull(s, 'docker.io/library/hello:v1', 'IfNotPresent')).toMatchObject({
      cached: true,
    });
    expect(await pull(s, `hello@${h.helloImage.manifestDigest}`, 'IfNotPresent')).toMatchObject({
      cached: true,
    });
    expect(h.builtin.requests).toEqual([]);
  });

  it('IfNotPresent pulls a reference it has not seen, fetching only the manifest for a known layer', async () => {
    const s = h.store();
    await pull(s, 'hello:v1', 'IfNotPresent');
    h.builtin.requests.length = 0;
    expect((await pull(s, 'hello:latest', 'IfNotPresent')).cached).toBe(true);
    expect(h.builtin.requests).toEqual([`GET ${BUILTIN}/v2/hello/manifests/latest`]);
  });

  it('Never fails with ErrImageNeverPull when absent, naming the defaulted reference', async () => {
    const err = await pullError(pull(h.store(), 'hello', 'Never'));
    expect(err.reason).toBe('ErrImageNeverPull');
    expect(err.message).toBe(
      'Container image "hello:latest" is not present with pull policy of Never',
    );
    expect(h.builtin.requests).toEqual([]);
  });

  it('Never uses a present image without a request', async () => {
    const s = h.store();
    await pull(s, 'hello:v1');
    h.builtin.requests.length = 0;
    expect(await pull(s, 'hello:v1', 'Never')).toMatchObject({ image: 'hello:v1', cached: true });
    expect(h.builtin.requests).toEqual([]);
  });

  it('shares one layer download between concurrent pulls', async () => {
    const s = h.store();
    const [a, b] = await Promise.all([pull(s, 'hello:v1'), pull(s, 'hello:latest')]);
    expect(a.digest).toBe(b.digest);
    expect(h.builtin.requests.filter((r) => r.includes('/blobs/'))).toHaveLength(1);
  });

  it('retries cleanly after a failure', async () => {
    const s = h.store();
    const blob = `v2/hello/blobs/${h.helloImage.layerDigest}`;
    h.files.delete(blob);
    await pullError(pull(s, 'hello:v1'));
    h.files.set(blob, h.hello);
    expect((await pull(s, 'hello:v1')).cached).toBe(false);
  });
});

describe('lookup', () => {
  it('finds a pulled image by any reference that names it', async () => {
    const s = h.store();
    expect(s.lookup('hello:v1')).toBeUndefined();
    const pulled = await pull(s, 'hello:v1');
    expect(s.lookup('docker.io/library/hello:v1')).toEqual({
      ...pulled,
      image: 'docker.io/library/hello:v1',
      cached: true,
    });
    expect(s.lookup(pulled.imageID)?.digest).toBe(pulled.digest);
    expect(s.lookup('hello:latest')).toBeUndefined();
    expect(s.lookup('Not Valid')).toBeUndefined();
  });
});

describe('addModule', () => {
  it('stores bytes as local/<name>:latest in the built-in registry', async () => {
    const s = h.store();
    const bytes = wasiCommand('dropped');
    const added = await s.addModule('my-app', bytes);
    expect(added).toMatchObject({ image: 'local/my-app:latest', cached: false });
    expect(added.imageID).toMatch(/^playground\.local\/local\/my-app@sha256:[a-f0-9]{64}$/);
    expect(s.moduleBytes(added.digest)).toEqual(bytes);
    expect(await pull(s, 'local/my-app', 'Never')).toMatchObject({
      digest: added.digest,
      cached: true,
    });
    expect(await pull(s, 'local/my-app:latest', 'Always')).toMatchObject({
      digest: added.digest,
      cached: true,
    });
    expect(h.builtin.requests).toEqual([]);
  });

  it('moves the tag when the same name is added again', async () => {
    const s = h.store();
    const first = await s.addModule('app', wasiCommand('one'));
    const second = await s.addModule('app', wasiCommand('two'));
    expect(second.digest).not.toBe(first.digest);
    expect(s.lookup('local/app:latest')?.digest).toBe(second.digest);
    expect(await pull(s, 'local/app', 'Always')).toMatchObject({ digest: second.digest });
  });

  it.each(['My App', 'app/x', '-app', 'app:v1', ''])('rejects the name %j', async (name) => {
    await expect(h.store().addModule(name, h.hello)).rejects.toThrow(
      `invalid module name ${JSON.stringify(name)}: use lowercase letters and digits, separated by ".", "_", "__" or "-"`,
    );
  });

  it('rejects a module that is not a WASI command, and adds nothing', async () => {
    const s = h.store();
    await expect(s.addModule('lib', wasmModule('no start'))).rejects.toThrow(
      'module "lib" exports no _start function',
    );
    expect(s.lookup('local/lib:latest')).toBeUndefined();
    await expect(pull(s, 'local/lib', 'Never')).rejects.toThrow('is not present');
  });

  it('rejects bytes that are not a Wasm module', async () => {
    await expect(h.store().addModule('x', new TextEncoder().encode('#!/bin/sh\n'))).rejects.toThrow(
      'module "x" is not a WebAssembly module: it does not start with the magic bytes "\\0asm"',
    );
  });
});
