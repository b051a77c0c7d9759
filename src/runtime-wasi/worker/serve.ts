/**
 * The worker's side of protocol.ts: wait for a run, instantiate the compiled module with the
 * WASI layer, call `_start`, report output, filesystem changes and the way it ended, then wait
 * for the next run. The same code runs in a Web Worker and in a Node worker thread; only the
 * endpoint differs.
 */
import { WASIProcExit } from '@bjorn3/browser_wasi_shim';
import type {
  FsOp,
  HostToWorker,
  RunMessage,
  RunOutcome,
  TimeMode,
  WorkerToHost,
} from '../protocol.ts';
import { MEMORY_IMPORT, SHARED_CLAIMED } from '../protocol.ts';
import { Mount } from './mountFs.ts';
import { SpareMemory } from './spareMemory.ts';
import { AtomicsLink, JspiLink, SpinLink, runAsk } from './timeLink.ts';
import type { TimeLink } from './timeLink.ts';
import { RaisedSignal, UnsupportedCall, createWasiLayer } from './wasiLayer.ts';

/** How a worker talks to its host. */
export interface WorkerEndpoint {
  post(msg: WorkerToHost): void;
  listen(handler: (msg: HostToWorker) => void): void;
  /**
   * Takes a message that arrived while the module runs, without yielding (Node's
   * receiveMessageOnPort). Absent in browsers: there, messages wait for the event loop.
   */
  receiveNow?: () => HostToWorker | undefined;
}

interface Current {
  runId: number;
  mounts: Mount[];
  jspi: JspiLink | undefined;
}

export function serveContainers(port: WorkerEndpoint): void {
  let mode: TimeMode | undefined;
  let shared: SharedArrayBuffer | undefined;
  let current: Current | undefined;
  let queue = Promise.resolve();
  const spare = new SpareMemory();
  /** Changes to the mounts of runs received but not begun (queued behind the current one). */
  const early = new Map<number, { mount: number; ops: FsOp[] }[]>();

  const handle = (msg: HostToWorker): void => {
    switch (msg.type) {
      case 'init':
        mode = msg.mode;
        shared = msg.shared;
        return;
      case 'run':
        early.set(msg.runId, []);
        queue = queue
          .then(() => run(msg))
          .catch((e: unknown) => {
            port.post({ type: 'fatal', message: `worker failed: ${describe(e)}` });
          });
        return;
      case 'time':
        current?.jspi?.deliver(msg);
        return;
      case 'fs':
        if (current?.runId === msg.runId) current.mounts[msg.mount]?.apply(msg.ops);
        else early.get(msg.runId)?.push(msg);
        return;
    }
  };

  const pull = (): void => {
    const receive = port.receiveNow;
    if (!receive) return;
    for (let msg = receive(); msg; msg = receive()) handle(msg);
  };

  async function run(msg: RunMessage): Promise<void> {
    if (!mode) throw new Error('run before init');
    const { runId } = msg;
    const changedEarly = early.get(runId) ?? [];
    early.delete(runId);
    // Queued runs begin only if the host has not taken them back meanwhile (protocol.ts).
    if (msg.seq !== undefined && shared) {
      const word = new Int32Array(shared, 0, 2);
      if (Atomics.compareExchange(word, SHARED_CLAIMED, msg.seq - 1, msg.seq) !== msg.seq - 1) {
        return;
      }
    }
    const post = port.post.bind(port);
    const changes = { dirty: false };
    const mounts = msg.mounts.map((spec) => new Mount(spec, changes));
    for (const { mount, ops } of changedEarly) mounts[mount]?.apply(ops);
    const flush = () => {
      if (!changes.dirty) return;
      changes.dirty = false;
      mounts.forEach((m, mount) => {
        if (m.readOnly) return;
        const ops = m.collect();
        if (ops.length > 0) post({ type: 'fs', runId, mount, ops });
      });
    };
    const jspi = mode === 'jspi' ? new JspiLink(msg.clockNow, runAsk(post, runId)) : undefined;
    const time: TimeLink =
      jspi ??
      (mode === 'atomics' && shared
        ? new AtomicsLink(msg.clockNow, shared, runAsk(post, runId))
        : new SpinLink(msg.clockNow));
    current = { runId, mounts, jspi };
    const layer = createWasiLayer({
      argv: msg.argv,
      env: msg.env,
      mounts,
      output: (fd, data) => post({ type: 'output', runId, fd, data }),
      time,
      flush,
      pull,
      suspending: jspi !== undefined,
    });

    let instance: WebAssembly.Instance | undefined;
    let given: WebAssembly.Memory | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const imports: WebAssembly.Imports = {
          wasi_snapshot_preview1: layer.imports as WebAssembly.ModuleImports,
        };
        if (msg.memory) {
          given ??= spare.take(msg.memory);
          imports[MEMORY_IMPORT.module] = { [MEMORY_IMPORT.name]: given };
        }
        instance = new WebAssembly.Instance(msg.module, imports);
        break;
      } catch (e) {
        // The engine could not reserve the linear memory now (in a browser, address space held
        // by instances that have ended but are not collected yet, across many workers): a
        // resource of the host, not the module's fault. Wait and try again before failing.
        const noAddressSpace = isAllocationFailure(e);
        if (attempt < INSTANTIATE_RETRIES && noAddressSpace) {
          await new Promise((r) => setTimeout(r, INSTANTIATE_RETRY_MS * (attempt + 1)));
          continue;
        }
        const message = `failed to instantiate module: ${describe(e)}`;
        return end({ kind: 'startError', message, ...(noAddressSpace && { noAddressSpace }) });
      }
    }
    const { memory, _start: start } = instance.exports;
    if (!(memory instanceof WebAssembly.Memory)) {
      return end({
        kind: 'startError',
        message: 'the module does not export its memory as "memory"',
      });
    }
    if (typeof start !== 'function') {
      return end({
        kind: 'startError',
        message: 'the module has no "_start" export: it is not a WASI command',
      });
    }
    layer.bind(instance);
    post({ type: 'started', runId });
    let outcome: RunOutcome;
    try {
      if (jspi) {
        const jspiApi = WebAssembly as unknown as {
          promising: (f: () => unknown) => () => Promise<unknown>;
        };
        await jspiApi.promising(start as () => unknown)();
      } else {
        (start as () => unknown)();
      }
      outcome = { kind: 'exit', code: 0 };
    } catch (e) {
      outcome = outcomeOf(e, msg.codeShift);
    }
    flush();
    const flag = msg.growFlag ? instance.exports[msg.growFlag] : undefined;
    const growFailed = flag instanceof WebAssembly.Global && flag.value === 1;
    end(outcome, memory.buffer.byteLength, growFailed);

    function end(outcome: RunOutcome, memoryBytes = 0, growFailed = false): void {
      current = undefined;
      post({ type: 'exit', runId, outcome, memoryBytes, growFailed });
      // The module is over: nothing calls into it again, so its memory can serve the next one.
      if (given && msg.memory) spare.give(given, msg.memory);
    }
  }

  port.listen(handle);
  port.post({ type: 'ready' });
}

/**
 * What an exception out of `_start` means. proc_exit codes keep their low 8 bits, as a process
 * exit status does on Linux (and so under wasmtime and node:wasi). `codeShift` is how far the
 * runtime's rewrite moved the code (RunMessage), taken off a trap's offset.
 */
export function outcomeOf(e: unknown, codeShift = 0): RunOutcome {
  if (e instanceof WASIProcExit) return { kind: 'exit', code: e.code & 0xff };
  if (e instanceof UnsupportedCall) return { kind: 'unsupported', message: e.message };
  if (e instanceof RaisedSignal) return { kind: 'signal', signal: e.signal, message: e.message };
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return { kind: 'trap', message: 'wasm trap: call stack exhausted' };
  }
  if (e instanceof WebAssembly.RuntimeError) {
    return { kind: 'trap', message: `wasm trap: ${e.message}${where(e, codeShift)}` };
  }
  return { kind: 'trap', message: `the module failed: ${describe(e)}` };
}

/** The innermost WebAssembly frame of a trap, e.g. " (at crash, wasm-function[1]:0x5f)". */
function where(e: Error, codeShift: number): string {
  const m = e.stack?.match(
    /at (?:(\S+) \()?wasm:\/\/wasm\/[0-9a-f]+:(wasm-function\[\d+\]):0x([0-9a-f]+)/,
  );
  if (!m) return '';
  const frame = `${m[2]}:0x${(parseInt(m[3]!, 16) - codeShift).toString(16)}`;
  return m[1] ? ` (at ${m[1]}, ${frame})` : ` (at ${frame})`;
}

const INSTANTIATE_RETRIES = 5;
const INSTANTIATE_RETRY_MS = 40;

/**
 * V8's "Out of memory: Cannot allocate Wasm memory for new instance", or "WebAssembly.Memory():
 * could not allocate memory" for a memory the worker makes itself (RangeErrors).
 */
export function isAllocationFailure(e: unknown): boolean {
  return (
    e instanceof RangeError &&
    /Cannot allocate Wasm memory|Out of memory|could not allocate memory/i.test(e.message)
  );
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
