import type { Page } from '@playwright/test';

/** The xterm buffer's text (what the terminal shows, scrollback included). */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const t = (
      window as unknown as {
        __terminal?: {
          buffer: {
            active: {
              length: number;
              getLine(i: number): { translateToString(trim: boolean): string } | undefined;
            };
          };
        };
      }
    ).__terminal;
    if (!t) return '';
    const b = t.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  });
}

/** Types a line into the terminal and presses Enter. */
export async function typeInTerminal(page: Page, line: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Collects page errors and every request that leaves the page's origin. */
export function watchPage(page: Page): { errors: string[]; foreign: string[] } {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['http:', 'https:'].includes(url.protocol)) return;
    if (!['127.0.0.1', 'localhost'].includes(url.hostname)) foreign.push(r.url());
  });
  return { errors, foreign };
}

/** The pods table's row for `name`. */
export function podRow(page: Page, name: string) {
  return page
    .getByRole('table', { name: 'Pods' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) });
}

/** The STATUS cell of a pod in the pods table. */
export function podStatus(page: Page, name: string) {
  return podRow(page, name).getByRole('cell').nth(2);
}

/**
 * Waits until the page's playground is up: `window.kubeletPlayground` is set once the kept state
 * (IndexedDB) is loaded and the app has rendered, a moment after the page's load event.
 */
export async function playgroundReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.kubeletPlayground !== undefined);
}

/**
 * Puts `count` pods in the editor, made by `manifest(i)`, and raises the node's pod capacity to
 * hold them (110 by default, as a real node's), as a test of many pods needs.
 */
export async function manyPods(
  page: Page,
  count: number,
  manifest: (i: number) => string,
): Promise<void> {
  const text = Array.from({ length: count }, (_, i) => manifest(i)).join('\n---\n');
  await page.evaluate(
    async ({ pods, text }) => {
      const { playground, setManifest } = window.kubeletPlayground!;
      const capacity = { pods: String(pods) };
      await playground.server.patch(
        'nodes',
        'playground',
        'merge',
        { status: { capacity, allocatable: capacity } },
        { subresource: 'status' },
      );
      setManifest(text);
    },
    { pods: count + 10, text },
  );
}

/**
 * Saves a screenshot of the page to test-results/screens/NAME.png, to be looked at. A screenshot
 * needs a new frame from the page. Chromium's compositor sometimes stops producing frames for an
 * idle page, and a capture then waits for up to a minute while the page itself answers at once
 * (a CI run of 2026-12-05; puppeteer#12712, browser-use/browser-harness#812): after 5 s without a
 * frame, a short screencast wakes the compositor and the capture is tried once more. If that fails
 * too, the error says whether the page's main thread still answers, which tells a frozen page from
 * a stalled compositor.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const path = `test-results/screens/${name}.png`;
  try {
    await page.screenshot({ path, timeout: 5_000 });
    return;
  } catch {
    await wakeCompositor(page);
  }
  try {
    await page.screenshot({ path, timeout: 10_000 });
  } catch (e) {
    const started = Date.now();
    const answer = await Promise.race([
      page
        .evaluate(() => document.readyState)
        .then((s) => `answered (${s}) in ${Date.now() - started} ms`),
      new Promise<string>((resolve) => setTimeout(() => resolve('did not answer in 5 s'), 5_000)),
    ]).catch((err: unknown) => `failed: ${String(err)}`);
    throw new Error(
      `no screenshot ${name}, even after waking the compositor: the page's main thread ${answer}`,
      { cause: e },
    );
  }
}

/** Starts and stops a screencast, which makes Chromium's compositor produce frames again. */
async function wakeCompositor(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await page.bringToFront();
    await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 10, everyNthFrame: 1 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await cdp.send('Page.stopScreencast');
  } finally {
    await cdp.detach().catch(() => {});
  }
}
