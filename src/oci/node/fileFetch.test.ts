import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImagePullError } from '../../kubelet-core/ports.ts';
import { createImageStore } from '../imageStore.ts';
import { MediaType, type ModuleImage } from '../manifest.ts';
import { addModuleImage, wasmModule, type RegistryFiles } from '../testing/fixtures.ts';
import { createFileFetch, DEFAULT_MODULES_DIR } from './fileFetch.ts';

const BASE = 'http://127.0.0.1:4173/modules';
let dir: string;
let hello: ModuleImage;

async function writeFiles(root: string, files: RegistryFiles): Promise<void> {
  for (const [rel, bytes] of files) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), bytes);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'oci-files-'));
  const files: RegistryFiles = new Map();
  hello = await addModuleImage(files, 'hello', ['v1', 'latest'], wasmModule('hello'));
  await writeFiles(dir, files);
  await writeFile(path.join(dir, '..', `${path.basename(dir)}-secret`), 'secret');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(path.join(dir, '..', `${path.basename(dir)}-secret`), { force: true });
});

describe('createFileFetch', () => {
  it('serves files under the base URL as a static host does', async () => {
    const fetchFile = createFileFetch({ baseUrl: BASE, dir });
    const res = await fetchFile(`${BASE}/v2/hello/manifests/v1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(hello.manifest);
    const byDigest = await fetchFile(new URL(`${BASE}/v2/hello/manifests/${hello.manifestDigest}`));
    expect(byDigest.status).toBe(200);
  });

  it('answers HEAD with headers only', async () => {
    const res = await createFileFetch({ baseUrl: BASE, dir })(
      `${BASE}/v2/hello/blobs/${hello.layerDigest}`,
      {
        method: 'HEAD',
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(hello.layer.length));
    expect(await res.text()).toBe('');
  });

  it('answers 404 for missing files, folders, escapes and other URLs', async () => {
    const fetchFile = createFileFetch({ baseUrl: `${BASE}/`, dir });
    for (const url of [
      `${BASE}/v2/nope/manifests/v1`,
      `${BASE}/v2/hello`,
      `${BASE}/..%2F${path.basename(dir)}-secret`,
      'https://registry.example.com/v2/',
    ]) {
      expect((await fetchFile(url)).status, url).toBe(404);
    }
  });

  it('refuses writes', async () => {
    const res = await createFileFetch({ baseUrl: BASE, dir })(`${BASE}/v2/hello/manifests/v1`, {
      method: 'PUT',
    });
    expect(res.status).toBe(405);
  });

  it('hands other URLs to the fallback', async () => {
    const seen: string[] = [];
    const fallback: typeof fetch = async (input) => {
      seen.push(String(input));
      return new Response('ok');
    };
    const fetchFile = createFileFetch({ baseUrl: BASE, dir, fallback });
    expect(await (await fetchFile('https://registry.example.com/v2/')).text()).toBe('ok');
    expect(seen).toEqual(['https://registry.example.com/v2/']);
  });

  it('lets the store pull built-in images from disk', async () => {
    const store = createImageStore({
      fetch: createFileFetch({ baseUrl: BASE, dir }),
      builtinRegistryUrl: BASE,
    });
    const pulled = await store.pull({ image: 'hello', policy: 'Always' });
    expect(pulled.imageID).toBe(`playground.local/hello@${hello.manifestDigest}`);
    expect(store.moduleBytes(pulled.digest)).toEqual(hello.layer);
  });

  it('defaults to the repository public/modules', () => {
    expect(DEFAULT_MODULES_DIR).toBe(path.resolve(import.meta.dirname, '../../../public/modules'));
  });
});

const shipped = existsSync(path.join(DEFAULT_MODULES_DIR, 'v2', 'hello', 'manifests', 'v1'));

describe.skipIf(!shipped)(
  shipped
    ? 'the shipped built-in registry'
    : 'the shipped built-in registry (public/modules not built yet: skipped)',
  () => {
    const store = createImageStore({
      fetch: createFileFetch({ baseUrl: BASE }),
      builtinRegistryUrl: BASE,
    });
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

    it.each(modules.flatMap((m) => [`${m}:v1`, `${m}:latest`]))('pulls %s', async (image) => {
      const pulled = await store.pull({ image, policy: 'Always' });
      const bytes = store.moduleBytes(pulled.digest);
      expect(bytes?.slice(0, 4)).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
    });

    it('rejects not-wasm and not-wasm-index', async () => {
      const reason = (image: string) =>
        store.pull({ image, policy: 'Always' }).then(
          () => 'pulled',
          (err: ImagePullError) => err.message,
        );
      expect(await reason('not-wasm')).toMatch(
        /^failed to pull and unpack image "playground\.local\/not-wasm:latest": playground\.local\/not-wasm:latest is not a WebAssembly module image: layer media type /,
      );
      expect(await reason('not-wasm-index')).toMatch(
        new RegExp(
          `is not a WebAssembly module image: unsupported media type (${MediaType.ociIndex}|${MediaType.dockerManifestList})`
            .replaceAll('.', '\\.')
            .replaceAll('+', '\\+'),
        ),
      );
    });
  },
);
