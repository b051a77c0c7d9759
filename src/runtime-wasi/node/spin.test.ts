/**
 * The fallback time mode (no SharedArrayBuffer, no JSPI): the module's clock runs at x1 from
 * the kubelet's clock at start, and sleeps spin in the worker. Forced here under Node.
 */
import { afterAll, expect, it } from 'vitest';
import { VirtualClock } from '../../kube/virtualClock.ts';
import { loadTestModule } from '../testing/contract.ts';
import { createMemoryStore } from '../testing/memoryStore.ts';
import { createNodeRuntime } from './nodeRuntime.ts';

const clock = new VirtualClock();
const store = createMemoryStore();
const runtime = createNodeRuntime({ images: store, clock, poolSize: 2, timeMode: 'spin' });
afterAll(() => runtime.dispose());

it('sleeps by spinning and reads a clock extrapolated from the start at x1', async () => {
  expect(runtime.timeMode).toBe('spin');
  const image = await store.add('tool', await loadTestModule('tool'));
  let stdout = '';
  const handle = runtime.start({
    id: 'spin',
    image,
    argv: ['tool', 'now', 'sleep', '40', 'now'],
    env: [],
    mounts: [],
    onOutput: (c) => (stdout += new TextDecoder().decode(c.data)),
  });
  expect(await handle.exited).toMatchObject({ exitCode: 0, reason: 'Completed' });
  const [before, after] = stdout.trim().split('\n').map(Number);
  expect(before! - clock.now()).toBeLessThan(1000);
  expect(after! - before!).toBeGreaterThanOrEqual(40);
  // The host's clock was never asked to wake anyone.
  expect(clock.pending()).toBe(0);
});
