/**
 * More long-running containers than a tab can hold: Chromium reserves 8 GiB of address space for
 * every WebAssembly memory, and the tab's workers share one budget (about 125 memories). The
 * containers past it fail to start with a message that says why, and once the runtime has seen
 * the engine refuse, it fails such starts itself instead of asking the engine again.
 */
import { expect, test } from '@playwright/test';
import { tickerPod } from './support/manifests.ts';
import {
  manyPods,
  playgroundReady,
  screenshot,
  terminalText,
  typeInTerminal,
} from './support/page.ts';

test('past the engine’s limit on memories, containers fail to start and the page says why', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await playgroundReady(page);
  const n = 150;
  await manyPods(page, n, (i) => tickerPod(`ticker-${String(i).padStart(3, '0')}`, '5s'));
  await page.getByRole('button', { name: 'Apply' }).click();

  // Every pod either runs or has failed to start; and some start failed without the engine
  // being asked (the runtime's own message, not V8's).
  const tally = () =>
    page.evaluate(async () => {
      const { server } = window.kubeletPlayground!.playground;
      const pods = await server.list('pods', { namespace: 'default' });
      let running = 0;
      let refused = 0;
      let refusedByRuntime = 0;
      for (const pod of pods.items) {
        const c = pod.status?.containerStatuses?.[0];
        if (c?.state?.running) running++;
        const t = c?.state?.terminated ?? c?.lastState?.terminated;
        if (t?.reason !== 'StartError') continue;
        if (/no address space left for another linear memory/.test(t.message ?? '')) refused++;
        if (/^failed to instantiate module: no address space left/.test(t.message ?? '')) {
          refusedByRuntime++;
        }
      }
      return { running, refused, refusedByRuntime };
    });
  await expect
    .poll(
      async () => {
        const t = await tally();
        return t.running + t.refused === n && t.refusedByRuntime > 0;
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe(true);
  const { running } = await tally();
  // The limit is the engine's (about 125 here); what the test holds to is that most run.
  expect(running).toBeGreaterThan(90);
  expect(running).toBeLessThan(n);

  await typeInTerminal(page, `kubectl describe pod ticker-${n - 1}`);
  await expect
    .poll(() => terminalText(page), { timeout: 10_000 })
    .toMatch(/Warning\s+Failed\s.*Error: failed to instantiate module: .*no address space left/);
  await screenshot(page, 'capacity');
});
