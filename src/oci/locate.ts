/**
 * Where an image reference points: the built-in registry (names without a registry host, as
 * Docker Hub names are in a real cluster) or a real registry at `host[:port]`.
 */
import { DEFAULT_DOMAIN, parseNormalizedNamed, type ImageReference } from './reference.ts';

/**
 * The name the built-in registry goes by in imageIDs and messages:
 * `playground.local/hello@sha256:…`. References naming it explicitly resolve to it too.
 */
export const BUILTIN_REGISTRY_NAME = 'playground.local';

/**
 * Krustlet-era references we serve from our own equivalents. Keys and values are references
 * (tags matter: other tags of these repositories still go to their registry).
 */
export const KRUSTLET_IMAGES: Readonly<Record<string, string>> = {
  // demos/wasi/hello-wasm: prints a greeting and exits 0.
  'webassembly.azurecr.io/hello-wasm:v1': 'hello:v1',
  // demos/wasi/hello-world-rust: stdout, stderr, env, args and a file from a volume.
  'webassembly.azurecr.io/hello-world-wasi-rust:v0.1.0': 'hello-world:v1',
  'webassembly.azurecr.io/hello-world-wasi-rust:v0.2.0': 'hello-world:v1',
};

/** A parsed reference resolved to a registry and repository. */
export interface ImageLocation {
  /** Fully qualified, for messages: `playground.local/hello:v1`, `127.0.0.1:5000/app@sha256:…`. */
  ref: string;
  /** Registry and repository, the part of an imageID before `@`: `playground.local/hello`. */
  name: string;
  /** The registry host (`127.0.0.1:5000`), the key for credentials; empty for `a_b.c/d`. */
  domain: string;
  /** The repository in distribution API paths: `/v2/<repository>/manifests/…`. */
  repository: string;
  /** The tag, `latest` when the reference had neither tag nor digest. */
  tag?: string;
  digest?: string;
  builtin: boolean;
  /** The key the node's image list uses for this reference (digest first, as containerd). */
  key: string;
}

/**
 * Resolves `image` (as written in a pod) to a location.
 * @throws ReferenceFormatError for a reference the grammar rejects.
 */
export function locate(image: string, builtinName = BUILTIN_REGISTRY_NAME): ImageLocation {
  let ref = parseNormalizedNamed(image);
  const mapped = krustletTarget(ref);
  if (mapped) ref = parseNormalizedNamed(mapped);
  const builtin = ref.domain === DEFAULT_DOMAIN || ref.domain === builtinName;
  const repository = ref.domain === DEFAULT_DOMAIN ? ref.path.replace(/^library\//, '') : ref.path;
  const domain = builtin ? builtinName : ref.domain;
  const name = domain ? `${domain}/${repository}` : repository;
  const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
  const loc: ImageLocation = {
    ref: `${name}${tag ? `:${tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`,
    name,
    domain,
    repository,
    builtin,
    key: ref.digest ? `${name}@${ref.digest}` : `${name}:${tag}`,
  };
  if (tag) loc.tag = tag;
  if (ref.digest) loc.digest = ref.digest;
  return loc;
}

function krustletTarget(ref: ImageReference): string | undefined {
  if (ref.digest) return undefined;
  return KRUSTLET_IMAGES[`${ref.domain}/${ref.path}:${ref.tag ?? 'latest'}`];
}
