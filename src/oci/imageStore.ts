/**
 * The node's images: pulls WebAssembly module images per imagePullPolicy, caches module bytes by
 * layer digest, and keeps the seam for modules a user drops in the UI.
 */
import { checkWasiCommand } from './wasiCommand.ts';
import { ImagePullError, type PullRequest, type PulledImage } from '../kubelet-core/ports.ts';
import { credentialsFor } from './auth.ts';
import { connectRegistry, registryBaseUrl, type RegistryConnection } from './client.ts';
import { ownBuffer } from './digest.ts';
import { BUILTIN_REGISTRY_NAME, locate, type ImageLocation } from './locate.ts';
import { buildModuleImage } from './manifest.ts';
import { fetchLayer, pullError, resolveImage } from './puller.ts';
import {
  applyDefaultImageTag,
  goQuote as q,
  invalidImageName,
  PATH_COMPONENT,
} from './reference.ts';

/** The node's image store, as the kubelet's ContainerRuntime.pull uses it. */
export interface ImageStore {
  /**
   * Resolves and fetches `req.image` per `req.policy`: `Always` re-resolves the tag every time
   * and fetches the layer only when its digest is new; `IfNotPresent` uses an image pulled
   * before under that reference; `Never` only looks. `cached` is true when no layer was fetched.
   * @throws ImagePullError `InvalidImageName`, `ErrImageNeverPull` or `ErrImagePull`.
   */
  pull(req: PullRequest): Promise<PulledImage>;
  /** The module bytes of a pulled image, by layer digest (`sha256:…`). */
  moduleBytes(digest: string): Uint8Array | undefined;
  /** The image this reference names, if it was pulled (what IfNotPresent and Never consult). */
  lookup(image: string): PulledImage | undefined;
  /**
   * Stores a module as `local/<name>:latest` in the built-in registry and pulls it, so it behaves
   * like any other image (a new upload under the same name moves the tag).
   * @throws Error when `name` is not a valid repository name or `bytes` is not a Wasm module.
   * @example const { image } = await store.addModule('my-app', bytes); // 'local/my-app:latest'
   */
  addModule(name: string, bytes: Uint8Array): Promise<PulledImage>;
}

/** How the store reaches registries. */
export interface ImageStoreOptions {
  /** Used for every request, built-in registry included; called unbound. */
  fetch: typeof fetch;
  /**
   * Absolute URL of the built-in registry's root, the folder holding `v2/` (the app serves
   * `public/modules` there): `http://127.0.0.1:4173/modules`.
   */
  builtinRegistryUrl: string;
  /** The name the built-in registry has in imageIDs and messages; default `playground.local`. */
  builtinRegistryName?: string;
  /** Registries reached over plain http (Krustlet's `--insecure-registries`): `host[:port]`. */
  insecureRegistries?: string[];
}

/** Repository namespace for modules added with `addModule`. */
export const LOCAL_NAMESPACE = 'local';

type StoredImage = Omit<PulledImage, 'image' | 'cached'>;

/**
 * Creates an empty image store.
 * @throws TypeError when `builtinRegistryUrl` is not an absolute URL.
 */
export function createImageStore(opts: ImageStoreOptions): ImageStore {
  const builtinName = opts.builtinRegistryName ?? BUILTIN_REGISTRY_NAME;
  if (!URL.canParse(opts.builtinRegistryUrl)) {
    throw new TypeError(
      `builtinRegistryUrl must be an absolute URL, got ${q(opts.builtinRegistryUrl)}`,
    );
  }
  const builtinUrl = opts.builtinRegistryUrl.replace(/\/+$/, '');
  const insecure = opts.insecureRegistries ?? [];
  const images = new Map<string, StoredImage>();
  const blobs = new Map<string, Uint8Array>();
  const inflight = new Map<string, Promise<Uint8Array>>();
  // Files of the built-in registry added at run time (addModule), by path under its root.
  const added = new Map<string, Uint8Array>();
  const baseFetch = opts.fetch;
  const registryFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const file = url.startsWith(`${builtinUrl}/`)
      ? added.get(url.slice(builtinUrl.length + 1))
      : undefined;
    if (!file) return baseFetch(input, init);
    const headers = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': `${file.length}`,
    };
    return new Response(init?.method === 'HEAD' ? null : ownBuffer(file), { headers });
  };

  function connect(loc: ImageLocation, req: PullRequest): RegistryConnection {
    if (loc.builtin) return connectRegistry({ fetch: registryFetch, baseUrl: builtinUrl });
    return connectRegistry({
      fetch: registryFetch,
      baseUrl: registryBaseUrl(loc.domain, insecure),
      credentials: credentialsFor(loc.domain, req.auth),
    });
  }

  async function fetchAndStore(loc: ImageLocation, req: PullRequest): Promise<PulledImage> {
    if (!loc.domain) {
      // What Go's HTTP client says when containerd builds a URL from an empty domain.
      const url = `https:///v2/${loc.repository}/manifests/${loc.digest ?? loc.tag}`;
      const why = `failed to do request: Get ${q(url)}: http: no Host in request URL`;
      throw pullError(loc, `failed to resolve reference ${q(loc.ref)}: ${why}`);
    }
    const conn = connect(loc, req);
    const resolved = await resolveImage(conn, loc);
    const { digest } = resolved.layer;
    const cached = blobs.has(digest);
    if (!cached) {
      // Two pods pulling the same module share one download.
      const key = `${conn.baseUrl} ${digest}`;
      let download = inflight.get(key);
      if (!download) {
        download = fetchLayer(conn, loc, resolved.layer).finally(() => inflight.delete(key));
        inflight.set(key, download);
      }
      blobs.set(digest, await download);
    }
    const stored: StoredImage = {
      imageID: `${loc.name}@${resolved.manifestDigest}`,
      digest,
      sizeBytes: resolved.sizeBytes,
    };
    images.set(loc.key, stored);
    images.set(stored.imageID, stored);
    return { image: req.image, ...stored, cached };
  }

  const store: ImageStore = {
    async pull(req) {
      let loc: ImageLocation;
      try {
        loc = locate(req.image, builtinName);
      } catch (err) {
        throw invalidImageName(req.image, err);
      }
      const present = images.get(loc.key);
      switch (req.policy) {
        case 'Never':
          if (present) return { image: req.image, ...present, cached: true };
          throw new ImagePullError(
            'ErrImageNeverPull',
            `Container image ${q(applyDefaultImageTag(req.image))} is not present with pull policy of Never`,
          );
        case 'IfNotPresent':
          if (present) return { image: req.image, ...present, cached: true };
          return fetchAndStore(loc, req);
        case 'Always':
          return fetchAndStore(loc, req);
        default:
          throw new ImagePullError(
            'ErrImagePull',
            `unsupported image pull policy ${q(String(req.policy))}`,
          );
      }
    },

    moduleBytes(digest) {
      return blobs.get(digest);
    },

    lookup(image) {
      let loc: ImageLocation;
      try {
        loc = locate(image, builtinName);
      } catch {
        return undefined;
      }
      const present = images.get(loc.key);
      return present && { image, ...present, cached: true };
    },

    async addModule(name, bytes) {
      if (!new RegExp(`^${PATH_COMPONENT}$`).test(name)) {
        throw new Error(
          `invalid module name ${q(name)}: use lowercase letters and digits, separated by ".", "_", "__" or "-"`,
        );
      }
      await checkWasiCommand(name, bytes);
      const image = await buildModuleImage(bytes);
      const repo = `v2/${LOCAL_NAMESPACE}/${name}`;
      added.set(`${repo}/blobs/${image.configDigest}`, image.config);
      added.set(`${repo}/blobs/${image.layerDigest}`, image.layer);
      added.set(`${repo}/manifests/${image.manifestDigest}`, image.manifest);
      added.set(`${repo}/manifests/latest`, image.manifest);
      return store.pull({ image: `${LOCAL_NAMESPACE}/${name}:latest`, policy: 'Always' });
    },
  };
  return store;
}
