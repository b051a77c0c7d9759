/** Offline after the first visit: a demo on a stage with no network still runs its pods. */
import { expect, test } from '@playwright/test';
import { podStatus, screenshot, terminalText } from './support/page.ts';

test('after one visit the app, its editor and its modules work with the network off', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?example=hello');
  // The service worker is active once every file is in its cache.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys.find((k) => k.startsWith('kubelet-playground-'))!);
    return (await cache.keys()).map((r) => new URL(r.url).pathname);
  });
  expect(cached).toContain('/');
  expect(cached).toContain('/modules/v2/hello/manifests/v1');
  expect(cached.some((p) => /\/assets\/container\.worker-.*\.js$/.test(p))).toBe(true);
  // Of Monaco's languages only YAML is built, so the cache fetched no other.
  expect(cached.some((p) => /\/assets\/yaml-[\w-]+\.js$/.test(p))).toBe(true);
  const otherLanguages = /\/assets\/(cssMode|htmlMode|jsonMode|tsMode|typescript|python|abap)-/;
  expect(cached.filter((p) => otherLanguages.test(p))).toEqual([]);

  await context.setOffline(true);
  await page.goto('/?example=hello&speed=100');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'hello')).toHaveText('Completed');
  await expect.poll(() => terminalText(page)).toContain('Hello, world!');
  // Monaco, loaded after the first paint, came from the cache too.
  await expect(page.locator('.monaco-editor').first()).toBeVisible();
  await screenshot(page, 'offline');
});
