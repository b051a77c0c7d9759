/**
 * A tiny image store for tests: modules added by name, pulled by `name:tag` or `name`. It stands
 * in for src/oci's ImageStore, which speaks the OCI distribution API.
 */
import { ImagePullError } from '../../kubelet-core/ports.ts';
import type { PullRequest, PulledImage } from '../../kubelet-core/ports.ts';
import type { ModuleStore } from '../wasiRuntime.ts';

export interface MemoryStore extends ModuleStore {
  /** Adds a module under `name` (e.g. `hello`) and returns the image a pull would give. */
  add(name: string, bytes: Uint8Array): Promise<PulledImage>;
}

const nameOf = (reference: string) => reference.replace(/:[^:/]*$/, '');

export function createMemoryStore(): MemoryStore {
  const byName = new Map<string, PulledImage>();
  const byDigest = new Map<string, Uint8Array>();
  return {
    async add(name, bytes) {
      const hash = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
      const hex = [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
      const digest = `sha256:${hex}`;
      const image: PulledImage = {
        image: `${name}:v1`,
        imageID: `playground.local/${name}@${digest}`,
        digest,
        sizeBytes: bytes.length,
        cached: false,
      };
      byName.set(name, image);
      byDigest.set(digest, bytes);
      return image;
    },
    async pull(req: PullRequest) {
      const image = byName.get(nameOf(req.image));
      if (!image) throw new ImagePullError('ErrImagePull', `image ${req.image} not found`);
      return { ...image, image: req.image, cached: true };
    },
    lookup(reference) {
      const image = byName.get(nameOf(reference));
      return image && { ...image, image: reference, cached: true };
    },
    moduleBytes: (digest) => byDigest.get(digest),
  };
}
