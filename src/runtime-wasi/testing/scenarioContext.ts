/**
 * What a contract scenario works with: the runtime, the kubelet's clock stepped by hand, a tiny
 * image store, and helpers to start containers and collect their output. It runs in vitest and
 * in a Chromium page alike.
 */
import type { VirtualClock } from '../../kube/virtualClock.ts';
import { concatBytes } from '../bytes.ts';
import type {
  ContainerHandle,
  ExitStatus,
  Mount,
  OutputChunk,
  PulledImage,
} from '../../kubelet-core/ports.ts';
import type { WasiRuntime } from '../wasiRuntime.ts';
import type { MemoryStore } from './memoryStore.ts';

export interface ScenarioEnv {
  runtime: WasiRuntime;
  clock: VirtualClock;
  store: MemoryStore;
  /** The bytes of testdata/<name>.wasm. */
  loadModule(name: string): Promise<Uint8Array>;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<void>;
}

export interface StartOptions {
  argv?: string[];
  env?: [string, string][];
  mounts?: Mount[];
  memoryLimitBytes?: number;
}

export interface Started extends ContainerHandle {
  chunks: OutputChunk[];
  stdout(): string;
  stderr(): string;
}

let nextId = 0;

export class ScenarioContext {
  readonly #images = new Map<string, Promise<PulledImage>>();
  constructor(readonly env: ScenarioEnv) {}

  get runtime(): WasiRuntime {
    return this.env.runtime;
  }

  get clock(): VirtualClock {
    return this.env.clock;
  }

  image(name: string): Promise<PulledImage> {
    let image = this.#images.get(name);
    if (!image) {
      image = this.env.loadModule(name).then((bytes) => this.env.store.add(name, bytes));
      this.#images.set(name, image);
    }
    return image;
  }

  async start(name: string, opts: StartOptions = {}): Promise<Started> {
    const chunks: OutputChunk[] = [];
    const handle = this.runtime.start({
      id: `${name}-${++nextId}`,
      image: await this.image(name),
      argv: opts.argv ?? [name],
      env: opts.env ?? [],
      mounts: opts.mounts ?? [],
      memoryLimitBytes: opts.memoryLimitBytes,
      onOutput: (chunk) => chunks.push(chunk),
    });
    const text = (stream: OutputChunk['stream']) =>
      new TextDecoder().decode(
        concatBytes(chunks.filter((c) => c.stream === stream).map((c) => c.data)),
      );
    return Object.assign(handle, {
      chunks,
      stdout: () => text('stdout'),
      stderr: () => text('stderr'),
    });
  }

  /** Runs a container to its end. */
  async run(name: string, opts: StartOptions = {}): Promise<Started & { status: ExitStatus }> {
    const started = await this.start(name, opts);
    return Object.assign(started, { status: await started.exited });
  }

  /** Waits (in wall time) until `count` sleeps are pending on the kubelet's clock. */
  async sleeping(count = 1): Promise<void> {
    await waitFor(() => this.clock.pending() >= count, `${count} module(s) asleep on the clock`);
  }
}

export async function waitFor(
  cond: () => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wallDelay(2);
  }
}

export function wallDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether `p` settles within `ms` of wall time. */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  return Promise.race([p.then(() => true), wallDelay(ms).then(() => false)]);
}
