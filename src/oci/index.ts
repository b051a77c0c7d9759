/**
 * The OCI image store: pulls WebAssembly module images for the kubelet from the built-in
 * registry (static files) and from real registries. Runs in browsers and Node alike.
 */
export { createImageStore, LOCAL_NAMESPACE } from './imageStore.ts';
export type { ImageStore, ImageStoreOptions } from './imageStore.ts';
export { authFromDockerConfigJson, credentialsFor } from './auth.ts';
export { applyDefaultImageTag, parseNormalizedNamed, ReferenceFormatError } from './reference.ts';
export type { ImageReference } from './reference.ts';
export { BUILTIN_REGISTRY_NAME, KRUSTLET_IMAGES, locate } from './locate.ts';
export type { ImageLocation } from './locate.ts';
export { buildModuleImage, MediaType } from './manifest.ts';
export type { ModuleImage } from './manifest.ts';
export { openPushTarget, pushBlob, pushModule, putManifest, PushError } from './push.ts';
export type { PushResult, PushTarget, PushTargetOptions } from './push.ts';
export { sha256 } from './digest.ts';
export { checkWasiCommand, ModuleRejectedError } from './wasiCommand.ts';
