/** Hundreds of pods: the pods table keeps only the rows in view in the page, and stays usable. */
import { expect, test } from '@playwright/test';
import { helloPod } from './support/manifests.ts';
import { manyPods, playgroundReady, podStatus, screenshot } from './support/page.ts';

test('300 pods: a summary counts them all, the table holds the rows in view, scrolling shows the last', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?speed=100');
  await playgroundReady(page);
  const n = 300;
  await manyPods(page, n, (i) => helloPod(`pod-${String(i).padStart(3, '0')}`));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status', { name: 'Pods summary' })).toHaveText(
    '300 pods by phase: 300 Succeeded',
    { timeout: 20_000 },
  );
  const table = page.getByRole('table', { name: 'Pods' });
  await expect(table).toHaveAttribute('aria-rowcount', '301');
  const inPage = await table.locator('tbody tr[data-row]').count();
  expect(inPage).toBeGreaterThan(5);
  expect(inPage).toBeLessThan(80);
  await expect(podStatus(page, 'pod-000')).toHaveText('Completed');
  // At 1280x720 the table grows for many pods: at least four rows show at once.
  const rows = await page
    .locator('.table-wrap')
    .first()
    .evaluate((el) => el.clientHeight / el.querySelector('tbody tr[data-row]')!.clientHeight);
  expect(rows).toBeGreaterThanOrEqual(4);
  // Scroll to the end: the last pod's row is rendered, with its status.
  await page
    .locator('.table-wrap')
    .first()
    .evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(podStatus(page, 'pod-299')).toHaveText('Completed');
  await screenshot(page, 'bigtable');
});
