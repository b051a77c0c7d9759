import { expect, test, type Page } from '@playwright/test';

/** The xterm buffer's text (what the terminal shows, scrollback included). */
async function terminalText(page: Page): Promise<string> {
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

test('hello: Apply, the pod completes, its output is in the terminal', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?example=hello');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status', { name: 'Apply result' })).toHaveText('pod/hello created');
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(pods.getByRole('row').nth(1)).toContainText('Completed');
  await expect(pods.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('0/1');
  await expect.poll(() => terminalText(page)).toContain('Hello, world!');
  await page.screenshot({ path: 'test-results/screens/hello.png' });
  expect(errors).toEqual([]);
});
