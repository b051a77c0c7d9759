import { WASIProcExit } from '@bjorn3/browser_wasi_shim';
import { describe, expect, it } from 'vitest';
import { loadTestModule } from '../testing/contract.ts';
import { outcomeOf } from './serve.ts';
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
