/** The editor: what it asks of the YAML worker for a long manifest, and the schema's hovers. */
import { expect, test, type Page } from '@playwright/test';
import { helloPod } from './support/manifests.ts';
import { playgroundReady, screenshot } from './support/page.ts';

/** Records the language calls the page makes to the YAML worker (`$fmr` carries the name). */
async function recordWorkerCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: string[] = [];
    (window as unknown as { __workerCalls: string[] }).__workerCalls = calls;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, msg: unknown, ...rest: unknown[]) {
      const m = msg as { vsWorker?: unknown; method?: string; args?: unknown[] } | undefined;
      if (m?.vsWorker !== undefined && m.method === '$fmr') calls.push(String(m.args?.[0]));
      return (post as (...a: unknown[]) => void).call(this, msg, ...rest);
    };
  });
}

const calls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __workerCalls: string[] }).__workerCalls.splice(0));

const pods = (count: number) =>
  Array.from({ length: count }, (_, i) => helloPod(`pod-${i}`)).join('---\n');

test('a long manifest is highlighted and folded by the editor, and not sent to the YAML worker', async ({
  page,
}) => {
  await recordWorkerCalls(page);
  await page.goto('/');
  await playgroundReady(page);
  await page.locator('.monaco-editor').first().waitFor();
  const setText = (text: string) =>
    page.evaluate((t) => window.kubeletPlayground!.setManifest(t), text);
  const note = page.getByRole('note').filter({ hasText: 'no longer checks it against the schema' });

  // A short manifest: the YAML worker checks it and gives the folding ranges.
  await setText(pods(3));
  await expect.poll(() => calls(page), { timeout: 10_000 }).toContain('getFoldingRanges');
  await expect(note).toBeHidden();

  // A long one (1,000 pods, about 320 KB): the editor says what it no longer does, highlights
  // the YAML as before and folds it by indentation, and asks the worker nothing, though the
  // schema check waits only half a second after a change and code actions less.
  await setText(pods(1000));
  await expect(note).toBeVisible();
  await expect(page.locator('.monaco-editor .codicon-folding-expanded').first()).toBeAttached();
  const key = page.locator('.monaco-editor .view-line span', { hasText: /^apiVersion$/ }).first();
  const value = page.locator('.monaco-editor .view-line span', { hasText: /^v1$/ }).first();
  const color = (l: typeof key) => l.evaluate((e) => getComputedStyle(e).color);
  expect(await color(key)).not.toBe(await color(value));
  await page.waitForTimeout(2000);
  // Leaving YAML, the check tells the worker to forget the buffer's schema: no parse.
  expect((await calls(page)).filter((c) => c !== 'resetSchema')).toEqual([]);
  await screenshot(page, 'editor-long-manifest');

  // Short again: the worker checks it again.
  await setText(pods(3));
  await expect(note).toBeHidden();
  await expect.poll(() => calls(page), { timeout: 10_000 }).toContain('doValidation');
});

test('hovering a field shows its description from the v1.33 schema', async ({ page }) => {
  await page.goto('/');
  await playgroundReady(page);
  await page.locator('.monaco-editor').first().waitFor();
  await page.evaluate((t) => window.kubeletPlayground!.setManifest(t), helloPod('hover'));
  // The descriptions are loaded with the editor, apart from the schema the API server uses.
  await page
    .locator('.monaco-editor .view-line span', { hasText: /^image$/ })
    .first()
    .hover();
  const hover = page.locator('.monaco-hover:not(.hidden)');
  await expect(hover).toContainText('Container image name', { timeout: 15_000 });
  // The hover fades in: the screenshot waits for it to be opaque.
  await expect.poll(() => hover.evaluate((e) => getComputedStyle(e).opacity)).toBe('1');
  // Not cut at the editor panel's edge: the hover reaches past it, and is what shows there.
  const box = (await hover.boundingBox())!;
  const editorBox = (await page.locator('.monaco-editor').first().boundingBox())!;
  expect(box.x + box.width).toBeGreaterThan(editorBox.x + editorBox.width);
  const shownAt = ([x, y]: number[]) =>
    !!document.elementFromPoint(x!, y!)?.closest('.monaco-hover');
  expect(await page.evaluate(shownAt, [box.x + box.width - 4, box.y + box.height / 2])).toBe(true);
  await screenshot(page, 'editor-hover');
});
