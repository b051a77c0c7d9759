/** The editor with a long manifest: what it asks of the YAML worker. */
import { expect, test, type Page } from '@playwright/test';
import { helloPod } from './support/manifests.ts';
import { playgroundReady, screenshot } from './support/page.ts';

/** Records the names of the calls the page makes to Monaco's workers (`$fmr` carries the name). */
async function recordWorkerCalls(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: string[] = [];
    (window as unknown as { __workerCalls: string[] }).__workerCalls = calls;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, msg: unknown, ...rest: unknown[]) {
      const m = msg as { vsWorker?: unknown; method?: string; args?: unknown[] } | undefined;
      if (m?.vsWorker !== undefined && m.method) {
        calls.push(m.method === '$fmr' ? String(m.args?.[0]) : m.method);
      }
      return (post as (...a: unknown[]) => void).call(this, msg, ...rest);
    };
  });
}

const calls = (page: Page) =>
  page.evaluate(() => (window as unknown as { __workerCalls: string[] }).__workerCalls.splice(0));

const pods = (count: number) =>
  Array.from({ length: count }, (_, i) => helloPod(`pod-${i}`)).join('---\n');

test('a long manifest is folded by indentation, not by a large answer from the YAML worker', async ({
  page,
}) => {
  await recordWorkerCalls(page);
  await page.goto('/');
  await playgroundReady(page);
  await page.locator('.monaco-editor').first().waitFor();
  const setText = (text: string) =>
    page.evaluate((t) => window.kubeletPlayground!.setManifest(t), text);

  // A short manifest: the YAML worker gives the folding ranges, one per document among them.
  await setText(pods(3));
  await expect.poll(() => calls(page), { timeout: 10_000 }).toContain('getFoldingRanges');

  // A long one (1,000 pods, about 320 KB): it is validated, and folded by the editor itself.
  await setText(pods(1000));
  const seen: string[] = [];
  await expect
    .poll(async () => (seen.push(...(await calls(page))), seen), { timeout: 20_000 })
    .toContain('doValidation');
  await page.waitForTimeout(1000);
  seen.push(...(await calls(page)));
  expect(seen).not.toContain('getFoldingRanges');
  await expect(page.locator('.monaco-editor .codicon-folding-expanded').first()).toBeAttached();
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
