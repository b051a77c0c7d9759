import { expect, test, type Locator } from '@playwright/test';
import { podStatus, screenshot, terminalText } from './support/page.ts';

test('presenter mode: large fonts by ?present=1, toggled by Alt+P', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?present=1&example=crash-loop');
  const size = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  expect(await size()).toBe('19px');
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'crasher')).toHaveText(/Error|CrashLoopBackOff|Running/);
  await expect.poll(() => terminalText(page)).toContain('about to crash');
  // The tables and the API server's answers grow with the page: the audience reads them.
  const sizeOf = (l: Locator) => l.evaluate((e) => getComputedStyle(e).fontSize);
  const statusSize = () => sizeOf(podStatus(page, 'crasher'));
  const answerSize = () => sizeOf(page.locator('.apply-result pre').first());
  expect(parseFloat(await statusSize())).toBeGreaterThanOrEqual(17);
  expect(parseFloat(await answerSize())).toBeGreaterThanOrEqual(16);
  await screenshot(page, 'presenter');
  await page.keyboard.press('Alt+KeyP');
  expect(await size()).toBe('14px');
  expect(await statusSize()).toBe('13px');
  expect(await answerSize()).toBe('12px');
});

test('embed mode works in a cross-origin iframe of a docs page', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  // The docs page is on another origin (localhost) than the playground (127.0.0.1).
  const docs = baseURL!.replace('127.0.0.1', 'localhost');
  // The browser blocks storage in third-party frames, as Chromium does when told to: every
  // storage API of the embedded page throws.
  await page.addInitScript(() => {
    if (window === window.top) return;
    const refuse = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    for (const name of ['localStorage', 'sessionStorage', 'indexedDB', 'caches'])
      Object.defineProperty(window, name, { get: refuse });
    Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: refuse });
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${docs}/modules/index.json`);
  await page.setContent(`<!doctype html><h1>Docs: your first pod</h1>
    <iframe title="Kubelet Playground" src="${baseURL}/?embed=1&example=hello"
      width="960" height="560" style="border:1px solid #ccc"></iframe>`);
  const frame = page.frameLocator('iframe[title="Kubelet Playground"]');
  await expect(frame.getByRole('heading', { name: 'Kubelet Playground' })).toBeHidden();
  await frame.getByRole('button', { name: 'Apply' }).click();
  await expect(
    frame.getByRole('table', { name: 'Pods' }).getByRole('row').nth(1).getByRole('cell').nth(2),
  ).toHaveText('Completed');
  await frame.getByRole('button', { name: /Show the pod/ }).click();
  await expect(frame.getByRole('img', { name: /^Pod state machine: Succeeded/ })).toBeVisible();
  await expect(frame.getByRole('status', { name: 'Saved state' })).toHaveText(
    'Not saved: an embedded playground starts fresh on every visit',
  );
  await screenshot(page, 'embed');
  expect(errors).toEqual([]);
});
