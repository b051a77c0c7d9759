/**
 * Packages the built modules (modules/<name>/build/<name>.wasm, from scripts/build-modules.sh) as
 * OCI images in public/modules, laid out so that a registry client pulls them by the URL paths of
 * the OCI distribution API with no server code:
 *
 *   v2/<name>/manifests/<tag>           the image manifest (tags: v1 and latest)
 *   v2/<name>/manifests/sha256:<hex>    the same bytes, by digest
 *   v2/<name>/blobs/sha256:<hex>        the config and the layer (the module itself)
 *   v2/<name>/tags/list, v2/_catalog    as the distribution API lists them
 *   index.json                          what is here: modules and test images
 *
 * Plus two test images that are not WebAssembly modules, for the puller's error paths: `not-wasm`
 * (a container image whose layer is a gzipped tar) and `not-wasm-index` (an image index).
 * Deterministic: the same inputs give the same bytes. Run with `npx tsx scripts/package-modules.ts`.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { sha256 } from '../src/oci/digest.ts';
import { buildModuleImage, MediaType } from '../src/oci/manifest.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODULES = join(ROOT, 'modules');
const OUT = join(ROOT, 'public', 'modules');

/** Module images carry both tags; test images only `latest`, so `manifests/v1` means a module. */
const MODULE_TAGS = ['v1', 'latest'] as const;
const TEST_IMAGE_TAGS = ['latest'] as const;

const LANGUAGES: Record<string, string> = {
  'main.c': 'C',
  'main.rs': 'Rust',
  'main.ts': 'AssemblyScript',
};

const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const TAR_GZIP_LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const TITLE = 'org.opencontainers.image.title';
const DESCRIPTION = 'org.opencontainers.image.description';

interface ModuleEntry {
  name: string;
  tags: readonly string[];
  manifestDigest: string;
  layerDigest: string;
  sizeBytes: number;
  language: string;
  description: string;
  source: string;
  /** sha256 of the source file: tests compare it with the source to catch a stale image. */
  sourceDigest: string;
  toolchain: string;
}

interface TestImageEntry {
  name: string;
  tags: readonly string[];
  mediaType: string;
  manifestDigest: string;
  description: string;
}

class PackageError extends Error {}

const encoder = new TextEncoder();
const json = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

/** Writes one repository's files: manifests by tag and digest, blobs, tags/list. */
function writeRepository(
  name: string,
  tags: readonly string[],
  manifests: { digest: string; bytes: Uint8Array; tagged: boolean }[],
  blobs: { digest: string; bytes: Uint8Array }[],
): void {
  const repo = join(OUT, 'v2', name);
  mkdirSync(join(repo, 'manifests'), { recursive: true });
  mkdirSync(join(repo, 'blobs'), { recursive: true });
  mkdirSync(join(repo, 'tags'), { recursive: true });
  for (const m of manifests) {
    writeFileSync(join(repo, 'manifests', m.digest), m.bytes);
    if (m.tagged) for (const tag of tags) writeFileSync(join(repo, 'manifests', tag), m.bytes);
  }
  for (const b of blobs) writeFileSync(join(repo, 'blobs', b.digest), b.bytes);
  const list = { name, tags: [...tags].sort() };
  writeFileSync(join(repo, 'tags', 'list'), JSON.stringify(list));
}

/** Checks what a module must be to run as a container: valid wasm, WASI imports, _start. */
function checkModule(name: string, bytes: Uint8Array): void {
  const where = `modules/${name}/build/${name}.wasm`;
  if (!WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)) {
    throw new PackageError(`${where} is not a valid WebAssembly module`);
  }
  const module = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  const foreign = WebAssembly.Module.imports(module).find(
    (i) => i.module !== 'wasi_snapshot_preview1',
  );
  if (foreign) {
    throw new PackageError(
      `${where} imports ${foreign.module}.${foreign.name}: WASI preview 1 only`,
    );
  }
  const exports = WebAssembly.Module.exports(module);
  for (const [exportName, kind] of [
    ['_start', 'function'],
    ['memory', 'memory'],
  ] as const) {
    if (!exports.some((e) => e.name === exportName && e.kind === kind)) {
      throw new PackageError(`${where} does not export ${kind} ${exportName}`);
    }
  }
}

function readDescription(dir: string): string {
  const file = join(dir, 'module.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PackageError(`${relative(ROOT, file)}: ${(e as Error).message}`);
  }
  const description = (parsed as { description?: unknown } | null)?.description;
  if (typeof description !== 'string' || description === '') {
    throw new PackageError(`${relative(ROOT, file)}: "description" must be a non-empty string`);
  }
  return description;
}

async function packageModule(name: string): Promise<ModuleEntry> {
  const dir = join(MODULES, name);
  const sources = Object.keys(LANGUAGES).filter((f) => existsSync(join(dir, f)));
  if (sources.length !== 1) {
    throw new PackageError(`modules/${name} must hold exactly one of main.c, main.rs, main.ts`);
  }
  const source = sources[0]!;
  const description = readDescription(dir);
  const wasmFile = join(dir, 'build', `${name}.wasm`);
  const toolchainFile = join(dir, 'build', 'toolchain.txt');
  if (!existsSync(wasmFile) || !existsSync(toolchainFile)) {
    throw new PackageError(
      `modules/${name} is not built (no build/${name}.wasm): run npm run build:modules`,
    );
  }
  const bytes = new Uint8Array(readFileSync(wasmFile));
  checkModule(name, bytes);
  const image = await buildModuleImage(bytes, {
    annotations: { [TITLE]: `${name}.wasm`, [DESCRIPTION]: description },
  });
  writeRepository(
    name,
    MODULE_TAGS,
    [{ digest: image.manifestDigest, bytes: image.manifest, tagged: true }],
    [
      { digest: image.configDigest, bytes: image.config },
      { digest: image.layerDigest, bytes: image.layer },
    ],
  );
  return {
    name,
    tags: MODULE_TAGS,
    manifestDigest: image.manifestDigest,
    layerDigest: image.layerDigest,
    sizeBytes: bytes.length,
    language: LANGUAGES[source]!,
    description,
    source: `modules/${name}/${source}`,
    sourceDigest: await sha256(new Uint8Array(readFileSync(join(dir, source)))),
    toolchain: readFileSync(toolchainFile, 'utf8').trim(),
  };
}

/** A one-file ustar archive, every field fixed (owner root, mode 0644, mtime 0). */
function tarOf(fileName: string, content: Uint8Array): Uint8Array {
  const header = new Uint8Array(512);
  const put = (offset: number, text: string) => header.set(encoder.encode(text), offset);
  const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0';
  put(0, fileName);
  put(100, octal(0o644, 8));
  put(108, octal(0, 8));
  put(116, octal(0, 8));
  put(124, octal(content.length, 12));
  put(136, octal(0, 12));
  put(148, '        ');
  put(156, '0');
  put(257, 'ustar\u000000');
  put(265, 'root');
  put(297, 'root');
  const checksum = header.reduce((sum, b) => sum + b, 0);
  put(148, checksum.toString(8).padStart(6, '0') + '\0 ');
  const padded = Math.ceil(content.length / 512) * 512;
  const tar = new Uint8Array(512 + padded + 1024);
  tar.set(header, 0);
  tar.set(content, 512);
  return tar;
}

/**
 * gzip with stored (uncompressed) deflate blocks and a fixed header: unlike a compressor's
 * output, these bytes cannot change with the zlib version.
 */
function gzipStored(data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (let offset = 0; offset < data.length || offset === 0; offset += 0xffff) {
    const chunk = data.subarray(offset, offset + 0xffff);
    const last = offset + 0xffff >= data.length ? 1 : 0;
    const head = new Uint8Array(5);
    head[0] = last;
    new DataView(head.buffer).setUint16(1, chunk.length, true);
    new DataView(head.buffer).setUint16(3, ~chunk.length & 0xffff, true);
    blocks.push(head, chunk);
    if (last) break;
  }
  // magic, deflate, no flags, mtime 0, no extra flags, OS 3 (Unix)
  const header = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3);
  const trailer = new Uint8Array(8);
  new DataView(trailer.buffer).setUint32(0, crc32(data), true);
  new DataView(trailer.buffer).setUint32(4, data.length, true);
  const parts = [header, ...blocks, trailer];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A linux/amd64 container image: the kind of image a wasm node must refuse. */
async function containerImage(description: string) {
  const tar = tarOf(
    'hello.txt',
    encoder.encode('This is a layer of a Linux container image, not a WebAssembly module.\n'),
  );
  const layer = gzipStored(tar);
  const config = json({
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['/bin/cat', '/hello.txt'] },
    rootfs: { type: 'layers', diff_ids: [await sha256(tar)] },
  });
  const [layerDigest, configDigest] = await Promise.all([sha256(layer), sha256(config)]);
  const manifest = json({
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: OCI_CONFIG, digest: configDigest, size: config.length },
    layers: [{ mediaType: TAR_GZIP_LAYER, digest: layerDigest, size: layer.length }],
    annotations: { [TITLE]: 'hello.txt', [DESCRIPTION]: description },
  });
  return {
    manifest: { digest: await sha256(manifest), bytes: manifest },
    blobs: [
      { digest: configDigest, bytes: config },
      { digest: layerDigest, bytes: layer },
    ],
  };
}

async function packageTestImages(): Promise<TestImageEntry[]> {
  const notWasmDescription =
    'Test image: a Linux container image (layer application/vnd.oci.image.layer.v1.tar+gzip), ' +
    'not a WebAssembly module. Pulling it must fail.';
  const image = await containerImage(notWasmDescription);
  writeRepository('not-wasm', TEST_IMAGE_TAGS, [{ ...image.manifest, tagged: true }], image.blobs);

  const indexDescription =
    'Test image: an OCI image index (a manifest list) naming a linux/amd64 container image. ' +
    'Pulling it must fail.';
  const index = json({
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [
      {
        mediaType: MediaType.ociManifest,
        digest: image.manifest.digest,
        size: image.manifest.bytes.length,
        platform: { architecture: 'amd64', os: 'linux' },
      },
    ],
    annotations: { [DESCRIPTION]: indexDescription },
  });
  const indexDigest = await sha256(index);
  writeRepository(
    'not-wasm-index',
    TEST_IMAGE_TAGS,
    [
      { digest: indexDigest, bytes: index, tagged: true },
      { ...image.manifest, tagged: false },
    ],
    image.blobs,
  );
  return [
    {
      name: 'not-wasm',
      tags: TEST_IMAGE_TAGS,
      mediaType: MediaType.ociManifest,
      manifestDigest: image.manifest.digest,
      description: notWasmDescription,
    },
    {
      name: 'not-wasm-index',
      tags: TEST_IMAGE_TAGS,
      mediaType: MediaType.ociIndex,
      manifestDigest: indexDigest,
      description: indexDescription,
    },
  ];
}

async function main(): Promise<void> {
  const names = readdirSync(MODULES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort();
  if (names.length === 0) throw new PackageError('no modules in modules/');
  for (const name of names) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
      throw new PackageError(`modules/${name}: a module name is lower-case words joined by "-"`);
    }
  }
  // Start from nothing so a removed module leaves no files behind.
  rmSync(join(OUT, 'v2'), { recursive: true, force: true });
  rmSync(join(OUT, 'index.json'), { force: true });
  mkdirSync(join(OUT, 'v2'), { recursive: true });

  const modules: ModuleEntry[] = [];
  for (const name of names) modules.push(await packageModule(name));
  const testImages = await packageTestImages();
  const repositories = [...modules, ...testImages].map((m) => m.name).sort();
  writeFileSync(join(OUT, 'v2', '_catalog'), JSON.stringify({ repositories }));
  const index = {
    layout:
      'OCI distribution API paths: v2/<name>/manifests/<tag or digest>, v2/<name>/blobs/<digest>',
    modules,
    testImages,
  };
  writeFileSync(join(OUT, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  for (const m of modules) {
    console.log(`package-modules: ${m.name}:v1 ${m.sizeBytes} B ${m.manifestDigest}`);
  }
  console.log(`package-modules: ${modules.length} modules and 2 test images in public/modules`);
}

main().catch((e: unknown) => {
  console.error(`package-modules: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
