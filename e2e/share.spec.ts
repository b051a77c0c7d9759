import { expect, test } from '@playwright/test';
import { examples } from '../app/examples/examples.ts';
import { playgroundReady } from './support/page.ts';

test('a share link reproduces the manifest, clock speed and selected pod in a fresh browser', async ({
  page,
  browser,
}) => {
  await page.goto('/?example=hello');
  await playgroundReady(page);
  // The example's text from its definition: once Monaco has loaded, the page's first textarea is
  // the editor's empty input, and a manifest read from it applied nothing.
  const manifest = examples.find((e) => e.name === 'hello')!.manifest;
  const mine = manifest.replace('name: hello', 'name: shared-hello');
  await page.evaluate((t) => window.kubeletPlayground!.setManifest(t), mine);
  await page.getByLabel('Speed').selectOption('10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('heading', { name: 'Pod shared-hello' })).toBeVisible();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const url = page.url();
  expect(new URL(url).hash).toMatch(/^#v1\.[A-Za-z0-9_-]+$/);
  expect(url.length).toBeLessThan(1000);

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(url);
  await expect(fresh.getByLabel('Speed')).toHaveValue('10');
  await expect
    .poll(() => fresh.evaluate(() => window.kubeletPlayground?.playground.clock.speed))
    .toBe(10);
  // The author's selected pod is selected here too, waiting for its Apply.
  await expect(fresh.getByRole('region', { name: 'Pod details' })).toContainText(
    'Pod shared-hello does not exist',
  );
  await fresh.getByRole('button', { name: 'Apply' }).click();
  await expect(fresh.getByRole('status', { name: 'Apply result' })).toHaveText(
    'pod/shared-hello created',
  );
  await expect(fresh.getByRole('heading', { name: 'Pod shared-hello' })).toBeVisible();
  await other.close();
});

test('a damaged share link says so and keeps the page usable', async ({ page }) => {
  await page.goto('/#v1.AAAA');
  await expect(page.getByRole('status').filter({ hasText: 'damaged' })).toHaveText(
    /the share link is damaged or cut short: copy the whole link again/,
  );
  await expect(page.getByRole('button', { name: 'Apply' })).toBeEnabled();
});
