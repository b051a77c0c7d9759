import { WASIProcExit } from '@bjorn3/browser_wasi_shim';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostToWorker, WorkerToHost } from '../protocol.ts';
import { loadTestModule } from '../testing/contract.ts';
import { outcomeOf, serveContainers } from './serve.ts';
import { RaisedSignal, UnsupportedCall, msToNs } from './wasiLayer.ts';

describe('outcomeOf', () => {
  it('keeps the low 8 bits of a proc_exit code, as a Linux exit status does', () => {
    expect(outcomeOf(new WASIProcExit(3))).toEqual({ kind: 'exit', code: 3 });
    expect(outcomeOf(new WASIProcExit(256 + 7))).toEqual({ kind: 'exit', code: 7 });
  });

  it('names a trap and the function it happened in', async () => {
    const bytes = await loadTestModule('trap');
    const { instance } = await WebAssembly.instantiate(bytes as Uint8Array<ArrayBuffer>, {
      wasi_snapshot_preview1: { fd_write: () => 0 },
    });
    let thrown: unknown;
    try {
      (instance.exports._start as () => void)();
    } catch (e) {
      thrown = e;
    }
    expect(outcomeOf(thrown)).toEqual({
      kind: 'trap',
      message: expect.stringMatching(
        /^wasm trap: unreachable \(at crash, wasm-function\[\d+\]:0x[0-9a-f]+\)$/,
      ),
    });
  });

  it('calls stack exhaustion a trap', () => {
    expect(outcomeOf(new RangeError('Maximum call stack size exceeded'))).toEqual({
      kind: 'trap',
      message: 'wasm trap: call stack exhausted',
    });
  });

  it('passes unsupported calls and raised signals on', () => {
    expect(outcomeOf(new UnsupportedCall('sock_send', 'no network'))).toEqual({
      kind: 'unsupported',
      message: 'sock_send is not supported: no network',
    });
    expect(outcomeOf(new RaisedSignal(9))).toEqual({
      kind: 'signal',
      signal: 9,
      message: 'the module raised signal 9 with proc_raise',
    });
  });

  it('reports anything else thrown out of the module as a failure', () => {
    expect(outcomeOf('sockets not supported')).toEqual({
      kind: 'trap',
      message: 'the module failed: sockets not supported',
    });
  });
});

describe('msToNs', () => {
  it('converts clock milliseconds to WASI nanoseconds without losing the fraction', () => {
    expect(msToNs(1_767_268_800_000)).toBe(1_767_268_800_000_000_000n);
    expect(msToNs(1_767_268_800_000.25)).toBe(1_767_268_800_000_250_000n);
    expect(msToNs(0)).toBe(0n);
  });
});

describe('serveContainers', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('retries an instantiation the engine refuses for want of address space, then says so', async () => {
    vi.useFakeTimers();
    const module = await WebAssembly.compile(
      (await loadTestModule('hello')) as Uint8Array<ArrayBuffer>,
    );
    const refusal =
      'WebAssembly.Instance(): Out of memory: Cannot allocate Wasm memory for new instance';
    const instantiate = vi.spyOn(WebAssembly, 'Instance').mockImplementation(function () {
      throw new RangeError(refusal);
    });
    const posted: WorkerToHost[] = [];
    let deliver: (msg: HostToWorker) => void = () => {};
    serveContainers({ post: (msg) => posted.push(msg), listen: (h) => (deliver = h) });
    deliver({ type: 'init', mode: 'spin', shared: undefined });
    deliver({
      type: 'run',
      runId: 1,
      module,
      argv: ['hello'],
      env: [],
      mounts: [],
      clockNow: 0,
      growFlag: undefined,
      memory: undefined,
      codeShift: 0,
      seq: undefined,
    });
    // The retries wait 40, 80, 120, 160 and 200 ms.
    for (let i = 0; i < 10 && !posted.some((m) => m.type === 'exit'); i++) {
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(instantiate).toHaveBeenCalledTimes(6);
    expect(posted.at(-1)).toEqual({
      type: 'exit',
      runId: 1,
      outcome: {
        kind: 'startError',
        message: `failed to instantiate module: ${refusal}`,
        noAddressSpace: true,
      },
      memoryBytes: 0,
      growFailed: false,
    });
  });
});
