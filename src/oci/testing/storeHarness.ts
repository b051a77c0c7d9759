/**
 * A store wired to an in-memory built-in registry (holding `hello:v1`, `hello:latest` and
 * `hello-world:v1`) and to in-memory remote registries, plus helpers for pull errors.
 */
import { expect } from 'vitest';
import { ImagePullError, type PullRequest } from '../../kubelet-core/ports.ts';
import { createImageStore, type ImageStore, type ImageStoreOptions } from '../imageStore.ts';
import type { ModuleImage } from '../manifest.ts';
import { addModuleImage, wasmModule, type RegistryFiles } from './fixtures.ts';
import {
  createMemoryRegistry,
  type MemoryRegistry,
  type MemoryRegistryOptions,
} from './memoryRegistry.ts';

/** Where the harness serves the built-in registry. */
export const BUILTIN = 'http://playground.test/modules';

/** A store's world: registries, their request logs, and the `hello` image. */
export interface StoreHarness {
  files: RegistryFiles;
  builtin: MemoryRegistry;
  remotes: Map<string, MemoryRegistry>;
  hello: Uint8Array;
  helloImage: ModuleImage;
  /** Adds a remote registry at `baseUrl`. */
  remote(baseUrl: string, opts?: Omit<MemoryRegistryOptions, 'baseUrl'>): MemoryRegistry;
  /** Puts fault injection in front of the built-in registry (same files). */
  interceptBuiltin(intercept: MemoryRegistryOptions['intercept']): void;
  /** A new, empty store over these registries. */
  store(opts?: Partial<ImageStoreOptions>): ImageStore;
}

/** Builds a fresh harness (call it in `beforeEach`). */
export async function createStoreHarness(): Promise<StoreHarness> {
  const files: RegistryFiles = new Map();
  // A static file host sends no registry headers; neither does this stand-in.
  const builtinOptions = { baseUrl: BUILTIN, files, contentTypeHeaders: false };
  const hello = wasmModule('hello');
  const helloImage = await addModuleImage(files, 'hello', ['v1', 'latest'], hello);
  await addModuleImage(files, 'hello-world', ['v1'], wasmModule('hello-world'));
  const remotes = new Map<string, MemoryRegistry>();

  const harness: StoreHarness = {
    files,
    builtin: createMemoryRegistry(builtinOptions),
    remotes,
    hello,
    helloImage,
    remote(baseUrl, opts = {}) {
      const reg = createMemoryRegistry({ baseUrl, ...opts });
      remotes.set(new URL(baseUrl).origin, reg);
      return reg;
    },
    interceptBuiltin(intercept) {
      harness.builtin = createMemoryRegistry({ ...builtinOptions, intercept });
    },
    store(opts = {}) {
      return createImageStore({ fetch: routedFetch, builtinRegistryUrl: BUILTIN, ...opts });
    },
  };

  // Routes by origin to the built-in registry or a remote; unknown hosts fail as DNS does.
  const routedFetch: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.href.startsWith(`${BUILTIN}/`)) return harness.builtin.fetch(input, init);
    const reg = remotes.get(url.origin);
    if (reg) return reg.fetch(input, init);
    const message = `getaddrinfo ENOTFOUND ${url.hostname}`;
    const cause = Object.assign(new Error(message), { code: 'ENOTFOUND' });
    return Promise.reject(new TypeError('fetch failed', { cause }));
  };
  return harness;
}

/** `store.pull` with positional arguments. */
export function pull(
  store: ImageStore,
  image: string,
  policy: PullRequest['policy'] = 'Always',
  auth?: PullRequest['auth'],
) {
  return store.pull({ image, policy, ...(auth ? { auth } : {}) });
}

/** The ImagePullError a pull fails with (fails the test if it succeeds). */
export async function pullError(promise: Promise<unknown>): Promise<ImagePullError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ImagePullError);
    return err as ImagePullError;
  }
  throw new Error('expected the pull to fail');
}

/** `failed to pull and unpack image "R": why`. */
export const failed = (ref: string, why: string) =>
  `failed to pull and unpack image "${ref}": ${why}`;

/** `failed to pull and unpack image "R": failed to resolve reference "R": why`. */
export const unresolved = (ref: string, why: string) =>
  failed(ref, `failed to resolve reference "${ref}": ${why}`);
