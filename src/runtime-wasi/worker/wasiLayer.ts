/**
 * The WASI preview 1 imports a container sees: browser_wasi_shim's, wrapped (never forked) to
 * fix what it gets wrong for us. Debug logging is off; args_sizes_get counts UTF-8 bytes;
 * stdout and stderr pass raw bytes, one chunk per fd_write, so nothing waits for a newline;
 * clocks and poll_oneoff follow the kubelet's Clock, poll_oneoff writes `nevents`, takes several
 * subscriptions and honours absolute deadlines; sockets and proc_raise end the module with a
 * clear message instead of a thrown string; filesystem calls flush and pull shared-mount changes.
 */
import { ConsoleStdout, File, OpenFile, WASI, wasi } from '@bjorn3/browser_wasi_shim';
import type { Fd } from '@bjorn3/browser_wasi_shim';
import { concatBytes } from '../bytes.ts';
import type { Mount } from './mountFs.ts';
import type { TimeLink, Woke } from './timeLink.ts';

/** A WASI call the playground does not provide; it ends the module. */
export class UnsupportedCall extends Error {
  constructor(call: string, why: string) {
    super(`${call} is not supported: ${why}`);
    this.name = 'UnsupportedCall';
  }
}

/** proc_raise: the module asked to die of a signal. */
export class RaisedSignal extends Error {
  constructor(readonly signal: number) {
    super(`the module raised signal ${signal} with proc_raise`);
    this.name = 'RaisedSignal';
  }
}

export interface LayerOptions {
  argv: string[];
  env: string[];
  mounts: Mount[];
  output(fd: 1 | 2, data: Uint8Array): void;
  time: TimeLink;
  /** Sends the module's filesystem changes to the host, if it made any. */
  flush(): void;
  /** Applies other containers' changes that arrived while the module runs, where possible. */
  pull(): void;
  /** JSPI: the clock and poll imports may return promises and must suspend the module. */
  suspending: boolean;
}

export interface WasiLayer {
  imports: Record<string, unknown>;
  /** Call once the instance exists, before `_start`. */
  bind(instance: WebAssembly.Instance): void;
}

type Import = (...args: never[]) => unknown;
type MaybePromise<T> = T | Promise<T>;

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_PROCESS_CPUTIME = 2;
const CLOCK_THREAD_CPUTIME = 3;
const SUBSCRIPTION_BYTES = 48;
const EVENT_BYTES = 32;

const NO_NETWORK = 'WASI preview 1 in the playground has no networking';
const SOCKET_CALLS = ['sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown'];
/** Calls that may see another container's writes: apply those first. */
const PULL_BEFORE = [
  'path_open',
  'path_filestat_get',
  'path_create_directory',
  'path_unlink_file',
  'path_remove_directory',
  'path_rename',
  'path_link',
  'fd_readdir',
  'fd_read',
  'fd_pread',
  'fd_filestat_get',
];
/** After these, the module's writes become visible to the other containers. */
const FLUSH_AFTER = ['fd_close', 'fd_sync', 'fd_datasync'];

function then<T, R>(value: MaybePromise<T>, f: (v: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}

export function msToNs(ms: number): bigint {
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.round((ms - whole) * 1e6));
}

interface ClockSub {
  userdata: bigint;
  clock: number;
  ms: number;
  absolute: boolean;
}

interface PollEvent {
  userdata: bigint;
  error: number;
  type: number;
  nbytes?: bigint;
  hangup?: boolean;
}

export function createWasiLayer(opts: LayerOptions): WasiLayer {
  const stdin = new OpenFile(new File(new Uint8Array(0), { readonly: true }));
  const fds: Fd[] = [
    stdin,
    new ConsoleStdout((data) => opts.output(1, data)),
    new ConsoleStdout((data) => opts.output(2, data)),
    ...opts.mounts.map((m) => m.preopen),
  ];
  const shim = new WASI(opts.argv, opts.env, fds, { debug: false });
  const base = shim.wasiImport;
  let memory: WebAssembly.Memory | undefined;
  const view = () => new DataView(memory!.buffer);
  const bytes = () => new Uint8Array(memory!.buffer);
  const encoder = new TextEncoder();
  const cpuStart = performance.now();
  const cpuNs = () => BigInt(Math.round((performance.now() - cpuStart) * 1e6));

  const imports: Record<string, Import> = { ...base };

  imports.args_sizes_get = ((argcPtr: number, sizePtr: number) => {
    const v = view();
    v.setUint32(argcPtr, opts.argv.length, true);
    const size = opts.argv.reduce((n, arg) => n + encoder.encode(arg).length + 1, 0);
    v.setUint32(sizePtr, size, true);
    return wasi.ERRNO_SUCCESS;
  }) as Import;

  imports.clock_res_get = ((id: number, ptr: number) => {
    if (id < CLOCK_REALTIME || id > CLOCK_THREAD_CPUTIME) return wasi.ERRNO_INVAL;
    view().setBigUint64(ptr, id <= CLOCK_MONOTONIC ? 1_000_000n : 1_000n, true);
    return wasi.ERRNO_SUCCESS;
  }) as Import;

  imports.clock_time_get = ((id: number, _precision: bigint, ptr: number) => {
    if (id === CLOCK_PROCESS_CPUTIME || id === CLOCK_THREAD_CPUTIME) {
      view().setBigUint64(ptr, cpuNs(), true);
      return wasi.ERRNO_SUCCESS;
    }
    if (id !== CLOCK_REALTIME && id !== CLOCK_MONOTONIC) return wasi.ERRNO_INVAL;
    // Monotonic and realtime are the same kubelet clock: it never goes backwards.
    return then(opts.time.now(), (ms) => {
      view().setBigUint64(ptr, msToNs(ms), true);
      return wasi.ERRNO_SUCCESS;
    });
  }) as Import;

  imports.poll_oneoff = ((inPtr: number, outPtr: number, n: number, neventsPtr: number) => {
    if (n === 0) return wasi.ERRNO_INVAL;
    const v = view();
    const ready: PollEvent[] = [];
    const clocks: ClockSub[] = [];
    for (let i = 0; i < n; i++) {
      const at = inPtr + i * SUBSCRIPTION_BYTES;
      const userdata = v.getBigUint64(at, true);
      const tag = v.getUint8(at + 8);
      if (tag === wasi.EVENTTYPE_CLOCK) {
        const clock = v.getUint32(at + 16, true);
        const ms = Number(v.getBigUint64(at + 24, true)) / 1e6;
        const absolute =
          (v.getUint16(at + 40, true) & wasi.SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME) !== 0;
        if (clock > CLOCK_THREAD_CPUTIME)
          ready.push({ userdata, error: wasi.ERRNO_INVAL, type: tag });
        else if (!absolute && ms <= 0) ready.push({ userdata, error: 0, type: tag });
        else clocks.push({ userdata, clock, ms, absolute: absolute && clock <= CLOCK_MONOTONIC });
      } else if (tag === wasi.EVENTTYPE_FD_READ || tag === wasi.EVENTTYPE_FD_WRITE) {
        ready.push(fdEvent(fds[v.getUint32(at + 16, true)], userdata, tag));
      } else {
        ready.push({ userdata, error: wasi.ERRNO_INVAL, type: tag });
      }
    }
    if (ready.length > 0 || clocks.length === 0) return writeEvents(outPtr, neventsPtr, ready);
    let relMs: number | undefined;
    let absMs: number | undefined;
    for (const c of clocks) {
      if (c.absolute) absMs = Math.min(absMs ?? Infinity, c.ms);
      else relMs = Math.min(relMs ?? Infinity, c.ms);
    }
    opts.flush();
    return then(opts.time.sleep(relMs, absMs), (woke) => {
      opts.pull();
      return writeEvents(outPtr, neventsPtr, dueClocks(clocks, woke));
    });
  }) as Import;

  function fdEvent(fd: Fd | undefined, userdata: bigint, type: number): PollEvent {
    if (fd === undefined) return { userdata, error: wasi.ERRNO_BADF, type };
    if (type === wasi.EVENTTYPE_FD_READ && fd instanceof OpenFile) {
      const left = fd.file.size - fd.file_pos;
      const nbytes = left > 0n ? left : 0n;
      return { userdata, error: 0, type, nbytes, hangup: fd === stdin };
    }
    return { userdata, error: 0, type };
  }

  function writeEvents(outPtr: number, neventsPtr: number, events: PollEvent[]): number {
    const v = view();
    bytes().fill(0, outPtr, outPtr + events.length * EVENT_BYTES);
    events.forEach((e, i) => {
      const at = outPtr + i * EVENT_BYTES;
      v.setBigUint64(at, e.userdata, true);
      v.setUint16(at + 8, e.error, true);
      v.setUint8(at + 10, e.type);
      v.setBigUint64(at + 16, e.nbytes ?? 0n, true);
      v.setUint16(at + 24, e.hangup ? wasi.EVENTRWFLAGS_FD_READWRITE_HANGUP : 0, true);
    });
    v.setUint32(neventsPtr, events.length, true);
    return wasi.ERRNO_SUCCESS;
  }

  imports.fd_write = ((fd: number, iovs: number, iovsLen: number, nwrittenPtr: number) => {
    const target = fds[fd];
    if (!(target instanceof ConsoleStdout)) return base.fd_write!(fd, iovs, iovsLen, nwrittenPtr);
    // One chunk per call, however many iovecs: C's stdio writes a line as two.
    const v = view();
    const parts: Uint8Array[] = [];
    let total = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = v.getUint32(iovs + i * 8, true);
      const len = v.getUint32(iovs + i * 8 + 4, true);
      parts.push(bytes().slice(ptr, ptr + len));
      total += len;
    }
    const data = parts.length === 1 ? parts[0]! : concatBytes(parts, total);
    if (total > 0) target.fd_write(data);
    v.setUint32(nwrittenPtr, total, true);
    return wasi.ERRNO_SUCCESS;
  }) as Import;

  for (const name of SOCKET_CALLS) {
    imports[name] = () => {
      throw new UnsupportedCall(name, NO_NETWORK);
    };
  }
  imports.proc_raise = ((signal: number) => {
    throw new RaisedSignal(signal);
  }) as Import;

  for (const name of PULL_BEFORE) {
    const call = imports[name]!;
    imports[name] = (...args: never[]) => {
      opts.pull();
      return call(...args);
    };
  }
  for (const name of FLUSH_AFTER) {
    const call = imports[name]!;
    imports[name] = (...args: never[]) => {
      const ret = call(...args);
      opts.flush();
      return ret;
    };
  }

  if (opts.suspending) {
    const jspi = WebAssembly as unknown as { Suspending: new (f: Import) => Import };
    imports.clock_time_get = new jspi.Suspending(imports.clock_time_get);
    imports.poll_oneoff = new jspi.Suspending(imports.poll_oneoff);
  }

  return {
    imports,
    bind(instance) {
      memory = instance.exports.memory as WebAssembly.Memory;
      shim.inst = instance as unknown as WASI['inst'];
    },
  };
}

/** The clock subscriptions due at `woke.end`; at least the earliest, which the host waited for. */
function dueClocks(clocks: ClockSub[], woke: Woke): PollEvent[] {
  const deadline = (c: ClockSub) => (c.absolute ? c.ms : woke.start + c.ms);
  let due = clocks.filter((c) => deadline(c) <= woke.end);
  if (due.length === 0) {
    const first = Math.min(...clocks.map(deadline));
    due = clocks.filter((c) => deadline(c) === first);
  }
  return due.map((c) => ({ userdata: c.userdata, error: 0, type: wasi.EVENTTYPE_CLOCK }));
}
