/**
 * The kubelet core's only ways out. Hosts (the browser app, serve mode, tests) pass these in.
 */
export type { Clock, Unsubscribe } from '../kube/clock.ts';
export type { KubeClient } from '../kube/client.ts';
import type { MemDir } from '../kube/memfs.ts';

/** Where the core writes its own diagnostics (not container output). */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** Basic credentials for one registry host, from an imagePullSecret's `.dockerconfigjson`. */
export type { RegistryAuth } from '../kube/dockerConfig.ts';
import type { RegistryAuth } from '../kube/dockerConfig.ts';

export interface PullRequest {
  /** The image reference as written in the pod, e.g. `hello:v1` or `127.0.0.1:5000/app:latest`. */
  image: string;
  policy: PullPolicy;
  /** Credentials by registry host (`127.0.0.1:5000`), from the pod's imagePullSecrets. */
  auth?: Record<string, RegistryAuth>;
}

/** An image present on the node. Opaque to the core apart from these fields. */
export interface PulledImage {
  /** The reference it was pulled as. */
  image: string;
  /** `docker.io/library/x@sha256:…` style: what containerStatuses[].imageID shows. */
  imageID: string;
  /** `sha256:…` of the module layer. */
  digest: string;
  sizeBytes: number;
  /** True when the pull used the node's cache and fetched nothing. */
  cached: boolean;
}

/** Why a pull failed, as the kubelet classifies it. */
export class ImagePullError extends Error {
  /** `ErrImageNeverPull` for policy Never with the image absent; `InvalidImageName`; else `ErrImagePull`. */
  readonly reason: 'ErrImagePull' | 'ErrImageNeverPull' | 'InvalidImageName';
  /**
   * The gRPC status code the runtime's PullImage answers an ErrImagePull with, as containerd maps
   * its errors (errdefs): NotFound for a reference or blob the registry does not have,
   * FailedPrecondition for content whose digest or size is wrong, else Unknown.
   */
  readonly grpcCode: 'NotFound' | 'FailedPrecondition' | 'Unknown';
  constructor(
    reason: ImagePullError['reason'],
    message: string,
    grpcCode: ImagePullError['grpcCode'] = 'Unknown',
  ) {
    super(message);
    this.name = 'ImagePullError';
    this.reason = reason;
    this.grpcCode = grpcCode;
  }
}

export interface Mount {
  /** Absolute path inside the module, e.g. `/config`. */
  path: string;
  /** The directory the kubelet owns; the module's writes land in it (unless read-only). */
  dir: MemDir;
  readOnly: boolean;
}

export type OutputStream = 'stdout' | 'stderr';

export interface OutputChunk {
  stream: OutputStream;
  /** Raw bytes as the module wrote them. */
  data: Uint8Array;
  /** Clock time when the chunk was written. */
  time: number;
}

export interface StartRequest {
  /** Unique per container instance; becomes containerStatuses[].containerID (`wasi://<id>`). */
  id: string;
  image: PulledImage;
  /** argv: command followed by args; args alone when the container has no command (Krustlet's way). */
  argv: string[];
  /** Environment in order, as `NAME=value` pairs. */
  env: [name: string, value: string][];
  mounts: Mount[];
  /** resources.limits.memory in bytes: the module's linear memory may not exceed it. */
  memoryLimitBytes?: number;
  onOutput(chunk: OutputChunk): void;
}

/** `Unknown` (exit 255): what the runtime reports for a container that was running when the node went down. */
export type TerminationReason = 'Completed' | 'Error' | 'OOMKilled' | 'StartError' | 'Unknown';

export interface ExitStatus {
  exitCode: number;
  reason: TerminationReason;
  /** Why, in words, when there is more to say than the code (a trap, a link error). */
  message?: string;
  /** Clock time the module started running (instantiated, `_start` called). */
  startedAt: number;
  finishedAt: number;
}

export interface ContainerHandle {
  readonly id: string;
  /** Resolves with the clock time `_start` was entered; rejects never (a failed start is an exit). */
  readonly started: Promise<number>;
  /** Resolves once, when the module is gone for whatever reason. */
  readonly exited: Promise<ExitStatus>;
  /** Stops the module at once (WASI has no signals): exit 137, reason Error. Idempotent. */
  kill(): void;
}

/** Where the kubelet records events (the event recorder, writing core/v1 Events). */
export interface EventSink {
  event(
    involved: {
      kind?: string;
      apiVersion?: string;
      metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
    },
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): void;
}

/** Runs WebAssembly modules as containers: Web Workers in the browser, worker_threads under Node. */
export interface ContainerRuntime {
  /** The runtime's name and version for node.status.nodeInfo.containerRuntimeVersion. */
  readonly version: string;
  pull(req: PullRequest): Promise<PulledImage>;
  /** The image, if the node has it (what imagePullPolicy IfNotPresent and Never look at). */
  lookup(image: string): PulledImage | undefined;
  start(req: StartRequest): ContainerHandle;
}
