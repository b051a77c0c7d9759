import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../kube/virtualClock.ts';
import type { WorkerHost, WorkerLike } from './pool.ts';
import type { HostToWorker, WorkerToHost } from './protocol.ts';
import { createMemoryStore } from './testing/memoryStore.ts';
import { MIN_CEILING } from './memoryCeiling.ts';
import { createWasiRuntime } from './wasiRuntime.ts';

type Script = (runId: number) => WorkerToHost[];

/**
 * Workers that answer each run with scripted messages, each read by the host in a task of its
 * own (as worker messages are), all queued at once: the host reads the first while the others
 * wait behind it.
 */
function scriptedHost(
  script: Script,
  nextTask: WorkerHost['nextTask'],
  posted: number[] = [],
): WorkerHost {
  return {
    parallelism: 2,
    timeMode: 'atomics',
    nextTask,
    spawn(): WorkerLike {
      let onMessage: (msg: WorkerToHost) => void = () => {};
      return {
        postMessage(msg: HostToWorker) {
          if (msg.type === 'init') setImmediate(() => onMessage({ type: 'ready' }));
          if (msg.type !== 'run') return;
          posted.push(msg.runId);
          for (const reply of script(msg.runId)) setImmediate(() => onMessage(reply));
        },
        onMessage: (h) => (onMessage = h),
        onError: () => {},
        terminate: () => {},
      };
    },
  };
}

async function runOnce(
  script: Script,
  opts: { nextTask?: WorkerHost['nextTask']; stop?: (kill: () => void) => void } = {},
) {
  const store = createMemoryStore();
  const image = await store.add(
    'hello',
    await readFile(new URL('./testdata/hello.wasm', import.meta.url)),
  );
  const host = scriptedHost(script, opts.nextTask ?? ((fn) => setImmediate(fn)));
  const runtime = createWasiRuntime(host, {
    images: store,
    clock: new VirtualClock(),
  });
  await runtime.ready;
  const seen: string[] = [];
  const handle = runtime.start({
    id: 'c1',
    image,
    argv: ['hello'],
    env: [],
    mounts: [],
    onOutput: (chunk) => seen.push(`output ${new TextDecoder().decode(chunk.data).trim()}`),
  });
  void handle.started.then(() => seen.push('started'));
  opts.stop?.(handle.kill);
  const exit = await handle.exited;
  seen.push(`exited ${exit.exitCode}`);
  runtime.dispose();
  return seen;
}

const line = (text: string) => new TextEncoder().encode(`${text}\n`);

describe('createWasiRuntime', () => {
  it('reads the output a container sent right after starting before it reports the start', async () => {
    // Reported as soon as it is read, the start would come before the output: the kubelet's
    // part of a start (its event, a status write) would hold up the first line.
    const seen = await runOnce((runId) => [
      { type: 'started', runId },
      { type: 'output', runId, fd: 1, data: line('Hello, world!') },
      {
        type: 'exit',
        runId,
        outcome: { kind: 'exit', code: 0 },
        memoryBytes: 0,
        growFailed: false,
      },
    ]);
    expect(seen).toEqual(['output Hello, world!', 'started', 'exited 0']);
  });

  it('reports a start before the exit read in the same turn', async () => {
    const seen = await runOnce((runId) => [
      { type: 'started', runId },
      {
        type: 'exit',
        runId,
        outcome: { kind: 'exit', code: 3 },
        memoryBytes: 0,
        growFailed: false,
      },
    ]);
    expect(seen).toEqual(['started', 'exited 3']);
  });

  it('reports a start before the kill that ends the container', async () => {
    // The kill comes after the worker's `started` is read, before the task that reports it.
    const held: (() => void)[] = [];
    const seen = await runOnce((runId) => [{ type: 'started', runId }], {
      nextTask: (fn) => held.push(fn),
      stop: (kill) => {
        const waitForStart = () => {
          if (held.length === 0) return setImmediate(waitForStart);
          kill();
          for (const fn of held) fn();
        };
        waitForStart();
      },
    });
    expect(seen).toEqual(['started', 'exited 137']);
  });

  it('fails starts at once while as many containers hold a memory as when the engine refused one', async () => {
    // Asking the engine past its limit costs every isolate of the process a collection (see
    // memoryCeiling.ts), so a start the engine would refuse is not sent to a worker at all.
    const store = createMemoryStore();
    const image = await store.add(
      'hello',
      await readFile(new URL('./testdata/hello.wasm', import.meta.url)),
    );
    const refuse = new Set<number>();
    const posted: number[] = [];
    const host = scriptedHost(
      (runId): WorkerToHost[] =>
        refuse.has(runId)
          ? [
              {
                type: 'exit',
                runId,
                outcome: {
                  kind: 'startError',
                  message:
                    'failed to instantiate module: WebAssembly.Memory(): could not allocate memory',
                  noAddressSpace: true,
                },
                memoryBytes: 0,
                growFailed: false,
              },
            ]
          : [{ type: 'started', runId }],
      (fn) => setImmediate(fn),
      posted,
    );
    // One container per worker, as in a page without cross-origin isolation (no runs queued
    // behind long ones).
    const runtime = createWasiRuntime(host, {
      images: store,
      clock: new VirtualClock(),
      timeMode: 'jspi',
    });
    await runtime.ready;
    let n = 0;
    const start = () =>
      runtime.start({
        id: `c${++n}`,
        image,
        argv: ['hello'],
        env: [],
        mounts: [],
        onOutput: () => {},
      });

    const first = Array.from({ length: MIN_CEILING }, start);
    await Promise.all(first.map((h) => h.started));
    const next = MIN_CEILING + 1;
    refuse.add(next);
    const refused = await start().exited;
    expect(refused).toMatchObject({ reason: 'StartError', exitCode: 128 });
    expect(refused.message).toBe(
      'failed to instantiate module: WebAssembly.Memory(): could not allocate memory: no address ' +
        `space left for another linear memory: ${MIN_CEILING} other containers hold one (it ` +
        'reserves GiBs of address space for each, whatever its size); the container can start ' +
        'once others end',
    );
    expect(posted).toHaveLength(next);

    // As many containers still hold a memory: the next start fails without asking a worker.
    const failedFast = await start().exited;
    expect(failedFast).toMatchObject({ reason: 'StartError', exitCode: 128 });
    expect(failedFast.message).toMatch(
      /^failed to instantiate module: no address space left for another linear memory: 32 other containers hold one, and the engine refused one at 32 \(/,
    );
    expect(posted).toHaveLength(next);

    // Once one ends, a start is tried again.
    first[0]!.kill();
    const retried = start();
    await retried.started;
    expect(posted).toHaveLength(next + 1);
    // The limit stands while half as many hold one, and is forgotten below that.
    expect((await start().exited).reason).toBe('StartError');
    for (const h of first.slice(1, MIN_CEILING / 2 + 1)) h.kill();
    retried.kill();
    await start().started;
    expect(posted).toHaveLength(next + 2);
    runtime.dispose();
  });
});
