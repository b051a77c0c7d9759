/**
 * The messages between the host (wasiRuntime.ts, on the page's or Node's main thread) and
 * container.worker.ts. One worker runs one container at a time; `runId` tells a late message of
 * an earlier run from the current one.
 */
/**
 * How a worker waits for the kubelet's clock:
 * - `atomics`: blocks in `Atomics.wait` on a SharedArrayBuffer the host writes (Node always;
 *   a cross-origin-isolated page);
 * - `jspi`: the clock and poll imports suspend the module (JS Promise Integration) and the
 *   worker's event loop waits for the host's reply (Chromium without SharedArrayBuffer);
 * - `spin`: no way to block or suspend; the worker estimates the clock from the last time it
 *   heard it, assuming it runs at x1, and sleeps by spinning.
 */
export type TimeMode = 'atomics' | 'jspi' | 'spin';

/** A directory's contents as they cross to a worker. */
export type TreeNode = TreeFile | TreeDir;
export interface TreeFile {
  kind: 'file';
  data: Uint8Array;
}
export interface TreeDir {
  kind: 'dir';
  entries: [name: string, node: TreeNode][];
}

/**
 * A change to a mounted directory, relative to the mount's root. Files travel whole: the unit
 * of consistency is the file.
 */
export type FsOp =
  | { op: 'mkdir'; path: string }
  | { op: 'write'; path: string; data: Uint8Array }
  | { op: 'remove'; path: string };

export interface MountSpec {
  /** Absolute guest path, the preopen's name. */
  path: string;
  readOnly: boolean;
  tree: TreeDir;
}

/** Where a module whose memory was moved out (memoryImport.ts) imports it from. */
export const MEMORY_IMPORT = { module: 'kubelet_playground', name: 'linear_memory' } as const;

/** A moved memory's limits, as the module declared them for its own. */
export interface MemoryShape {
  /** Pages. */
  initial: number;
  /** Pages; undefined when the module declared no maximum. */
  maximum: number | undefined;
}

export interface RunMessage {
  type: 'run';
  runId: number;
  module: WebAssembly.Module;
  argv: string[];
  /** `NAME=value` strings. */
  env: string[];
  mounts: MountSpec[];
  /** The host clock when the run was sent: the first value the module's clocks read. */
  clockNow: number;
  /** Name of the exported grow-failed flag, when the module was instrumented. */
  growFlag: string | undefined;
  /** The linear memory to pass in (memoryImport.ts), when the module's own was moved out. */
  memory: MemoryShape | undefined;
  /** Subtracted from trap offsets so that they point into the image's own bytes. */
  codeShift: number;
  /**
   * `atomics` mode: the run's place in the order this worker was sent runs. The host may send a
   * run while another still runs; the worker starts it only if it can claim it (SHARED_CLAIMED
   * goes from seq - 1 to seq), and skips it if the host took it back first.
   */
  seq: number | undefined;
}

export type HostToWorker =
  | { type: 'init'; mode: TimeMode; shared: SharedArrayBuffer | undefined }
  | RunMessage
  /** Reply to `now` or `sleep` in `jspi` mode (`atomics` replies through shared memory). */
  | { type: 'time'; start: number; end: number }
  /** Changes another container made to a directory this run mounts (index into `mounts`). */
  | { type: 'fs'; runId: number; mount: number; ops: FsOp[] };

/** How the module ended, as seen inside the worker. The host turns this into an ExitStatus. */
export type RunOutcome =
  /** proc_exit(code), or 0 when `_start` returned. */
  | { kind: 'exit'; code: number }
  /** A WebAssembly trap or another exception out of the module. */
  | { kind: 'trap'; message: string }
  /** A WASI call the playground does not provide (sockets). */
  | { kind: 'unsupported'; message: string }
  /** proc_raise(signal). */
  | { kind: 'signal'; signal: number; message: string }
  /**
   * Instantiation failed (link error, no `_start`, no exported memory). `noAddressSpace`: the
   * engine would not reserve a linear memory, even after the worker's retries (memoryCeiling.ts).
   */
  | { kind: 'startError'; message: string; noAddressSpace?: boolean };

export type WorkerToHost =
  | { type: 'ready' }
  | { type: 'started'; runId: number }
  | { type: 'output'; runId: number; fd: 1 | 2; data: Uint8Array }
  /** Changes the module made to a writable mount since the last flush. */
  | { type: 'fs'; runId: number; mount: number; ops: FsOp[] }
  /** "What time is it on the kubelet's clock?" */
  | { type: 'now'; runId: number }
  /** "Wake me when the clock reaches now + relMs or absMs, whichever is first." */
  | { type: 'sleep'; runId: number; relMs: number | undefined; absMs: number | undefined }
  | { type: 'exit'; runId: number; outcome: RunOutcome; memoryBytes: number; growFailed: boolean }
  /** The worker itself failed (not the module): it must not be reused. */
  | { type: 'fatal'; message: string };

/**
 * The shared block of `atomics` mode: Int32 word 0 is the "reply ready" flag, Int32 word 1 the
 * last run `seq` settled (claimed by the worker, or taken back by the host), Float64 slots 1 and
 * 2 (bytes 8-23) hold the clock at the start and end of the wait.
 */
export const SHARED_BYTES = 24;
export const SHARED_FLAG = 0;
export const SHARED_CLAIMED = 1;
export const SHARED_START = 1;
export const SHARED_END = 2;
