/**
 * A ContainerRuntime for tests: images are scripted programs that write output, sleep on the
 * test's clock and exit with a code. It keeps the real runtime's contract (exit codes and reasons,
 * kill = 137, memory limit = OOMKilled 137, start failure = StartError 128).
 */
import type { Clock } from '../../kube/clock.ts';
import {
  ImagePullError,
  type ContainerHandle,
  type ContainerRuntime,
  type ExitStatus,
  type PulledImage,
  type PullRequest,
  type StartRequest,
} from '../ports.ts';

export interface FakeIO {
  argv: string[];
  env: Record<string, string>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves after `ms` of the clock; never resolves once the container is killed. */
  sleep(ms: number): Promise<void>;
  readFile(path: string): string | undefined;
  writeFile(path: string, text: string): void;
}

/** A module's behaviour: returns (or resolves to) its exit code; throwing is a trap (exit 134). */
export type FakeProgram = (io: FakeIO) => number | Promise<number>;

export interface FakeImage {
  program: FakeProgram;
  sizeBytes?: number;
  /** Linear memory the module needs; above the container's memory limit it is OOMKilled. */
  memoryBytes?: number;
  /** The module fails to compile or link. */
  startError?: string;
}

export class FakeRuntime implements ContainerRuntime {
  readonly version = 'fake-wasi://1.0.0';
  readonly images: Map<string, FakeImage>;
  readonly pulled = new Map<string, PulledImage>();
  readonly started: StartRequest[] = [];
  running = 0;
  pullMs = 0;

  constructor(
    private readonly clock: Clock,
    images: Record<string, FakeImage> = {},
  ) {
    this.images = new Map(Object.entries(images));
  }

  lookup(image: string): PulledImage | undefined {
    return this.pulled.get(image);
  }

  async pull(req: PullRequest): Promise<PulledImage> {
    const present = this.pulled.get(req.image);
    if (req.policy === 'Never') {
      if (present) return present;
      throw new ImagePullError(
        'ErrImageNeverPull',
        `Container image "${req.image}" is not present with pull policy of Never`,
      );
    }
    if (this.pullMs > 0) await new Promise<void>((r) => this.clock.setTimeout(r, this.pullMs));
    const img = this.images.get(req.image);
    if (!img) {
      const ref = `playground.local/${req.image.includes(':') ? req.image : `${req.image}:latest`}`;
      throw new ImagePullError(
        'ErrImagePull',
        `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`,
        'NotFound',
      );
    }
    const digest = `sha256:${hex(req.image)}`;
    const pulled: PulledImage = {
      image: req.image,
      imageID: `playground.local/${req.image.split(':')[0]}@${digest}`,
      digest,
      sizeBytes: img.sizeBytes ?? 1024,
      cached: present !== undefined && present.digest === digest,
    };
    this.pulled.set(req.image, pulled);
    return pulled;
  }

  start(req: StartRequest): ContainerHandle {
    this.started.push(req);
    const img = this.images.get(req.image.image);
    const clock = this.clock;
    const startedAt = clock.now();
    let resolveExit!: (e: ExitStatus) => void;
    const exited = new Promise<ExitStatus>((r) => (resolveExit = r));
    let done = false;
    this.running++;
    const finish = (exitCode: number, reason: ExitStatus['reason'], message?: string) => {
      if (done) return;
      done = true;
      this.running--;
      resolveExit({
        exitCode,
        reason,
        ...(message ? { message } : {}),
        startedAt,
        finishedAt: clock.now(),
      });
    };
    const handle: ContainerHandle = {
      id: req.id,
      started: Promise.resolve(startedAt),
      exited,
      kill: () => finish(137, 'Error'),
    };
    if (!img || img.startError) {
      const message = img?.startError ?? `image ${req.image.image} has no module`;
      return {
        ...handle,
        started: new Promise<number>(() => {}),
        exited: Promise.resolve().then(() => (finish(128, 'StartError', message), exited)),
      };
    }
    if (req.memoryLimitBytes !== undefined && (img.memoryBytes ?? 0) > req.memoryLimitBytes) {
      void Promise.resolve().then(() => finish(137, 'OOMKilled'));
      return handle;
    }
    const write = (stream: 'stdout' | 'stderr') => (text: string) => {
      if (!done) req.onOutput({ stream, data: new TextEncoder().encode(text), time: clock.now() });
    };
    const mountFor = (path: string) => {
      const m = req.mounts
        .filter((mt) => path === mt.path || path.startsWith(`${mt.path.replace(/\/$/, '')}/`))
        .sort((a, b) => b.path.length - a.path.length)[0];
      return m ? { m, rel: path.slice(m.path.length).replace(/^\//, '') } : undefined;
    };
    const io: FakeIO = {
      argv: req.argv,
      env: Object.fromEntries(req.env),
      stdout: write('stdout'),
      stderr: write('stderr'),
      sleep: (ms) => new Promise<void>((r) => clock.setTimeout(() => !done && r(), ms)),
      readFile: (path) => {
        const found = mountFor(path);
        return found ? found.m.dir.readText(found.rel) : undefined;
      },
      writeFile: (path, text) => {
        const found = mountFor(path);
        if (!found) throw new Error(`ENOENT: ${path}`);
        if (found.m.readOnly) throw new Error(`EROFS: ${path}`);
        found.m.dir.writeFile(found.rel, text);
      },
    };
    void Promise.resolve()
      .then(() => img.program(io))
      .then(
        (code) => finish(code, code === 0 ? 'Completed' : 'Error'),
        (e: unknown) =>
          finish(134, 'Error', `wasm trap: ${e instanceof Error ? e.message : String(e)}`),
      );
    return handle;
  }
}

function hex(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(8);
}
