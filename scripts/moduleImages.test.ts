/**
 * The built-in registry's files (public/modules, written by scripts/package-modules.ts): every
 * name a digest gives matches the bytes, media types are those of WebAssembly module images (or,
 * for the test images, deliberately not), index.json agrees with the files and the sources.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PUBLIC = join(ROOT, 'public', 'modules');
const V2 = join(PUBLIC, 'v2');
const shipped = existsSync(join(PUBLIC, 'index.json'));

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const WASM_CONFIG = 'application/vnd.wasm.config.v1+json';
const WASM_LAYER = 'application/vnd.wasm.content.layer.v1+wasm';
const TAR_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

interface Manifest {
  schemaVersion: number;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  manifests?: Descriptor[];
  annotations?: Record<string, string>;
}

interface ModuleEntry {
  name: string;
  tags: string[];
  manifestDigest: string;
  layerDigest: string;
  sizeBytes: number;
  language: string;
  description: string;
  source: string;
  sourceDigest: string;
  toolchain: string;
}

interface Index {
  modules: ModuleEntry[];
  testImages: { name: string; tags: string[]; mediaType: string; manifestDigest: string }[];
}

const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const read = (...path: string[]) => readFileSync(join(V2, ...path));
const readJson = <T>(...path: string[]): T => JSON.parse(read(...path).toString('utf8')) as T;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(PUBLIC, path)];
  });
}

describe.skipIf(!shipped)('public/modules, the built-in registry', () => {
  const indexText = shipped
    ? readFileSync(join(PUBLIC, 'index.json'), 'utf8')
    : '{"modules":[],"testImages":[]}';
  const index = JSON.parse(indexText) as Index;
  const repositories = shipped ? readdirSync(V2).filter((n) => n !== '_catalog') : [];
  const moduleFolders = readdirSync(join(ROOT, 'modules'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();

  it('index.json is stable JSON: two-space indent, trailing newline', () => {
    expect(indexText).toBe(`${JSON.stringify(index, null, 2)}\n`);
  });

  it('lists one image per module folder, and the two test images', () => {
    expect(index.modules.map((m) => m.name)).toEqual(moduleFolders);
    expect(index.testImages.map((m) => m.name)).toEqual(['not-wasm', 'not-wasm-index']);
    expect([...repositories].sort()).toEqual(
      [...moduleFolders, 'not-wasm', 'not-wasm-index'].sort(),
    );
    expect(readJson('_catalog')).toEqual({ repositories: [...repositories].sort() });
  });

  it('holds no file but index.json, the catalog and the distribution API paths; no raw .wasm', () => {
    const unexpected = filesUnder(PUBLIC).filter(
      (f) =>
        f !== 'index.json' &&
        f !== 'v2/_catalog' &&
        !/^v2\/[a-z0-9-]+\/(manifests\/(v1|latest|sha256:[a-f0-9]{64})|blobs\/sha256:[a-f0-9]{64}|tags\/list)$/.test(
          f,
        ),
    );
    expect(unexpected).toEqual([]);
  });

  it('names every blob and every manifest by the digest of its bytes', () => {
    for (const repo of repositories) {
      for (const kind of ['blobs', 'manifests']) {
        for (const name of readdirSync(join(V2, repo, kind)).filter((n) => n.startsWith('sha'))) {
          expect(sha256(read(repo, kind, name)), `v2/${repo}/${kind}/${name}`).toBe(name);
        }
      }
    }
  });

  it('has, for each repository, tags whose bytes are a manifest stored by digest, and every blob a manifest names', () => {
    for (const repo of repositories) {
      const tags = readdirSync(join(V2, repo, 'manifests')).filter((n) => !n.startsWith('sha'));
      expect(readJson(repo, 'tags', 'list'), repo).toEqual({ name: repo, tags: tags.sort() });
      for (const tag of tags) {
        const digest = sha256(read(repo, 'manifests', tag));
        expect(existsSync(join(V2, repo, 'manifests', digest)), `${repo}:${tag}`).toBe(true);
      }
      const referenced = new Set<string>();
      for (const name of readdirSync(join(V2, repo, 'manifests'))) {
        const doc = readJson<Manifest>(repo, 'manifests', name);
        for (const d of doc.manifests ?? []) {
          expect(read(repo, 'manifests', d.digest).length, `${repo} ${d.digest}`).toBe(d.size);
        }
        for (const d of doc.manifests ? [] : [doc.config, ...doc.layers]) {
          referenced.add(d.digest);
          expect(read(repo, 'blobs', d.digest).length, `${repo} ${d.digest}`).toBe(d.size);
        }
      }
      expect(readdirSync(join(V2, repo, 'blobs')).sort(), `${repo}: unreferenced blobs`).toEqual(
        [...referenced].sort(),
      );
    }
  });

  describe.each(index.modules.map((m) => [m.name, m] as const))('%s', (name, entry) => {
    it('is tagged v1 and latest, both the manifest index.json names', () => {
      expect(entry.tags).toEqual(['v1', 'latest']);
      for (const tag of entry.tags) {
        expect(sha256(read(name, 'manifests', tag))).toBe(entry.manifestDigest);
      }
    });

    it('is a WebAssembly module image: wasm config, one wasm layer, title and description', () => {
      const manifest = readJson<Manifest>(name, 'manifests', 'v1');
      expect(manifest).toMatchObject({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: WASM_CONFIG },
        layers: [{ mediaType: WASM_LAYER, digest: entry.layerDigest, size: entry.sizeBytes }],
        annotations: {
          'org.opencontainers.image.title': `${name}.wasm`,
          'org.opencontainers.image.description': entry.description,
        },
      });
      expect(manifest.layers).toHaveLength(1);
      expect(read(name, 'blobs', manifest.config.digest).toString('utf8')).toBe('{}');
    });

    it('has a layer that is a valid WASI command module', () => {
      const bytes = read(name, 'blobs', entry.layerDigest);
      expect(WebAssembly.validate(bytes)).toBe(true);
      const module = new WebAssembly.Module(bytes);
      const imports = WebAssembly.Module.imports(module).map((i) => i.module);
      expect(new Set(imports)).toEqual(new Set(['wasi_snapshot_preview1']));
      const exports = WebAssembly.Module.exports(module).map((e) => `${e.kind} ${e.name}`);
      expect(exports).toEqual(expect.arrayContaining(['function _start', 'memory memory']));
    });

    it('was built from the source index.json names, as it is now', () => {
      const ext = { C: 'c', Rust: 'rs', AssemblyScript: 'ts' }[entry.language];
      expect(entry.source).toBe(`modules/${name}/main.${ext}`);
      const description = (
        JSON.parse(readFileSync(join(ROOT, 'modules', name, 'module.json'), 'utf8')) as {
          description: string;
        }
      ).description;
      expect(entry.description).toBe(description);
      expect(
        sha256(readFileSync(join(ROOT, entry.source))),
        `${entry.source} changed since public/modules was built: run npm run build:modules`,
      ).toBe(entry.sourceDigest);
      expect(entry.toolchain).not.toBe('');
    });
  });

  describe('test images', () => {
    const notWasm = () => readJson<Manifest>('not-wasm', 'manifests', 'latest');

    it('are tagged latest only, so that v2/<name>/manifests/v1 always names a module', () => {
      for (const image of index.testImages) {
        expect(image.tags).toEqual(['latest']);
        expect(existsSync(join(V2, image.name, 'manifests', 'v1'))).toBe(false);
        expect(sha256(read(image.name, 'manifests', 'latest'))).toBe(image.manifestDigest);
      }
    });

    it('not-wasm is a container image: OCI config, a gzipped tar layer', () => {
      const manifest = notWasm();
      expect(manifest).toMatchObject({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.image.config.v1+json' },
        layers: [{ mediaType: TAR_GZIP }],
      });
      const tar = gunzipSync(read('not-wasm', 'blobs', manifest.layers[0]!.digest));
      expect(tar.subarray(0, 9).toString('latin1')).toBe('hello.txt');
      expect(tar.subarray(257, 262).toString('latin1')).toBe('ustar');
      const size = parseInt(tar.subarray(124, 135).toString('latin1'), 8);
      expect(tar.subarray(512, 512 + size).toString('utf8')).toBe(
        'This is a layer of a Linux container image, not a WebAssembly module.\n',
      );
      const config = readJson<{ os: string; rootfs: { diff_ids: string[] } }>(
        'not-wasm',
        'blobs',
        manifest.config.digest,
      );
      expect(config.os).toBe('linux');
      expect(config.rootfs.diff_ids).toEqual([sha256(tar)]);
    });

    it('not-wasm-index is an image index naming the not-wasm image, stored beside it', () => {
      const indexDoc = readJson<Manifest>('not-wasm-index', 'manifests', 'latest');
      const child = read('not-wasm', 'manifests', 'latest');
      expect(indexDoc).toMatchObject({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            digest: sha256(child),
            size: child.length,
            platform: { architecture: 'amd64', os: 'linux' },
          },
        ],
      });
      expect(read('not-wasm-index', 'manifests', sha256(child))).toEqual(child);
    });
  });
});
