import { expect, test } from '@playwright/test';
import {
  playgroundReady,
  podRow,
  podStatus,
  screenshot,
  terminalText,
  typeInTerminal,
  watchPage,
} from './support/page.ts';
import { helloPod } from './support/manifests.ts';

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
});

test('hello: Apply, the pod completes, its output is in the terminal, nothing leaves the origin', async ({
  page,
}) => {
  const seen = watchPage(page);
  await page.goto('/?example=hello');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('status', { name: 'Apply result' })).toHaveText('pod/hello created');
  await expect(podStatus(page, 'hello')).toHaveText('Completed');
  const row = page.getByRole('table', { name: 'Pods' }).getByRole('row').nth(1);
  await expect(row.getByRole('cell').nth(1)).toHaveText('0/1');
  await expect(row.getByRole('cell').nth(5)).toHaveText('playground');
  await expect.poll(() => terminalText(page)).toContain('Hello, world!');
  await expect(page.getByLabel('Why this status')).toContainText(
    'Completed — the container exited 0 at',
  );
  await expect(
    page.getByRole('img', {
      name: /^Pod state machine: Succeeded; visited Registered → VolumeMount → Starting → Running → Succeeded/,
    }),
  ).toBeVisible();
  await screenshot(page, 'hello');
  expect(seen.errors).toEqual([]);
  expect(seen.foreign).toEqual([]);
});

test('the editor marks an invalid field on its line and keeps the text', async ({ page }) => {
  await page.goto('/?example=hello');
  // Wait for Monaco, then break the image field.
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible();
  await page.evaluate(() => {
    const k = window.kubeletPlayground!;
    k.setManifest(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  containers:\n  - name: app\n    image: ""\n    imagePullPolicy: Sometimes\n',
    );
  });
  await page.getByRole('button', { name: 'Apply' }).click();
  const result = page.getByRole('status', { name: 'Apply result' });
  await expect(result).toContainText('The Pod "bad" is invalid:');
  await expect(result).toContainText('* spec.containers[0].image: Required value');
  await expect(result).toContainText(
    '* spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
  );
  // Markers on lines 8 and 9 (the glyph margin squiggles are in the view-overlays of those lines).
  await expect
    .poll(() =>
      page.evaluate(() => document.querySelectorAll('.monaco-editor .squiggly-error').length),
    )
    .toBeGreaterThanOrEqual(2);
  await expect(editor).toContainText('imagePullPolicy: Sometimes');
  await screenshot(page, 'editor-markers');
});

test("the terminal runs kubectl: get pods prints kubectl's table; unknown commands say so", async ({
  page,
}) => {
  await page.goto('/?example=hello');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'hello')).toHaveText('Completed');
  await typeInTerminal(page, 'kubectl get pods');
  await expect
    .poll(() => terminalText(page))
    .toMatch(
      /NAME\s{4}READY\s{3}STATUS\s{6}RESTARTS\s{3}AGE\nhello\s{3}0\/1\s{5}Completed\s{3}0\s{10}\d+s/,
    );
  await typeInTerminal(page, 'kubectl logs hello');
  await expect
    .poll(async () => (await terminalText(page)).split('Hello, world!').length)
    .toBeGreaterThanOrEqual(3);
  await typeInTerminal(page, 'kubectl foo');
  await expect
    .poll(() => terminalText(page))
    .toContain('error: unknown command "foo" for "kubectl"');
  await typeInTerminal(page, 'ls');
  await expect.poll(() => terminalText(page)).toContain('ls: command not found');
  await screenshot(page, 'terminal');
});

test('get -w streams changes and Ctrl-C stops it', async ({ page }) => {
  await page.goto('/?example=hello');
  await expect(page.locator('.xterm-helper-textarea')).toBeAttached();
  await typeInTerminal(page, 'kubectl get pods -w');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => terminalText(page)).toMatch(/hello\s+0\/1\s+Completed/);
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.press('Control+C');
  await typeInTerminal(page, 'kubectl version --client');
  await expect.poll(() => terminalText(page)).toContain('Client Version: v1.33.0');
});

test('get -w shows a container that ends before PLEG relists go from ContainerCreating to Completed', async ({
  page,
}) => {
  await page.goto('/?example=hello');
  await expect(page.locator('.xterm-helper-textarea')).toBeAttached();
  // Paused, the kubelet's clock cannot reach the relist a second after hello's start, however
  // late the page hears of its exit.
  await page.getByRole('button', { name: 'Pause' }).click();
  await typeInTerminal(page, 'kubectl get pods -w');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => terminalText(page)).toMatch(/hello\s+0\/1\s+Completed/);
  const statuses = (await terminalText(page))
    .split('\n')
    .flatMap((line) => /^hello\s+\d\/\d\s+(\S+)/.exec(line)?.slice(1) ?? []);
  expect(statuses.filter((s, i) => s !== statuses[i - 1])).toEqual([
    'Pending',
    'ContainerCreating',
    'Completed',
  ]);
});

test('clock: pause stops time, x100 runs a crash loop fast, skip jumps to the next event', async ({
  page,
}) => {
  await page.goto('/?example=crash-loop');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'crasher')).toHaveText(/Error|CrashLoopBackOff/);
  await page.getByRole('button', { name: 'Pause' }).click();
  const time = page.getByLabel('Playground time');
  const t0 = await time.textContent();
  await page.waitForTimeout(1500);
  expect(await time.textContent()).toBe(t0);
  await page.getByRole('button', { name: 'Skip to next event' }).click();
  await page.getByRole('button', { name: 'Skip to next event' }).click();
  expect(await time.textContent()).not.toBe(t0);
  await page.getByRole('button', { name: 'Play' }).click();
  await page.getByLabel('Speed').selectOption('100');
  const restarts = page
    .getByRole('table', { name: 'Pods' })
    .getByRole('row')
    .nth(1)
    .getByRole('cell')
    .nth(3);
  await expect(restarts).toHaveText(/^[3-9] \(\d+s ago\)|^\d{2,}/, { timeout: 20_000 });
  await expect(page.getByLabel('Why this status')).toContainText(
    'the back-off doubles from 10s up to 5m',
  );
  await page.getByRole('tab', { name: /^Events \(/ }).click();
  await expect(page.getByRole('table', { name: 'Events' })).toContainText('BackOff');
  await screenshot(page, 'crash-loop');
});

test('at x100 the RESTARTS column never shows a restart in the table`s future', async ({
  page,
}) => {
  await page.goto('/?example=crash-loop&speed=100');
  await page.getByRole('button', { name: 'Apply' }).click();
  // Sample the pods table on every frame for a few seconds of crash loop.
  const seen = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const texts = new Set<string>();
        const end = performance.now() + 4000;
        const sample = () => {
          const table = document.querySelector('table[aria-label="Pods"]');
          if (table) texts.add(table.textContent ?? '');
          if (performance.now() < end) requestAnimationFrame(sample);
          else resolve([...texts]);
        };
        requestAnimationFrame(sample);
      }),
  );
  expect(seen.some((t) => /\d+ \(\d+s ago\)/.test(t))).toBe(true);
  expect(seen.filter((t) => t.includes('<invalid>'))).toEqual([]);
});

test("the pod details list the selected pod's events only, and follow the selection", async ({
  page,
}) => {
  await page.goto('/?example=hello');
  await playgroundReady(page);
  await page.evaluate(
    (text) => window.kubeletPlayground!.setManifest(text),
    [helloPod('first'), helloPod('second')].join('---\n'),
  );
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'first')).toHaveText('Completed');
  await expect(podStatus(page, 'second')).toHaveText('Completed');
  await podRow(page, 'first').click();
  await page.getByRole('tab', { name: /^Events \(/ }).click();
  const events = page.getByRole('table', { name: 'Events' });
  await expect(events).toContainText('Successfully assigned default/first to playground');
  await expect(events).toContainText('Started container hello');
  await expect(events).not.toContainText('default/second');
  // Scheduled, Pulling, Pulled (the first pull of hello:v1), Created, Started.
  await expect(page.getByRole('tab', { name: /^Events \(/ })).toHaveText('Events (5)');
  await expect(events.getByRole('row')).toHaveCount(6);
  await podRow(page, 'second').click();
  await page.getByRole('tab', { name: /^Events \(/ }).click();
  await expect(events).toContainText('Successfully assigned default/second to playground');
  await expect(events).not.toContainText('default/first');
});

test('Apply right after the text changed applies the new text', async ({ page }) => {
  await page.goto('/?example=hello');
  await playgroundReady(page);
  // An idle moment: the example's text is parsed ahead of Apply (parseAhead.ts).
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  // The change and the click in one task: React has not rendered the new text yet, and the
  // documents parsed ahead are the old text's.
  await page.evaluate(() => {
    window.kubeletPlayground!.setManifest(`apiVersion: v1
kind: Pod
metadata:
  name: changed-just-now
spec:
  containers:
  - name: hello
    image: hello:v1
`);
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Apply')!.click();
  });
  await expect(page.getByRole('status', { name: 'Apply result' })).toHaveText(
    'pod/changed-just-now created',
  );
});

test('the first output of an applied pod is in the terminal the moment it is written', async ({
  page,
}) => {
  await page.goto('/?example=hello');
  await playgroundReady(page);
  await page.waitForFunction(() => (window as unknown as { __terminal?: unknown }).__terminal);
  // For every write carrying the module's line: was the line in xterm's buffer when write
  // returned? xterm parses a write in a later task unless it answers the user's input.
  await page.evaluate(() => {
    const t = (
      window as unknown as {
        __terminal: {
          write(data: string): void;
          buffer: {
            active: {
              length: number;
              getLine(i: number): { translateToString(trim: boolean): string } | undefined;
            };
          };
        };
        __parsedAtOnce: boolean[];
      }
    ).__terminal;
    const w = window as unknown as { __parsedAtOnce: boolean[] };
    w.__parsedAtOnce = [];
    const write = t.write.bind(t);
    t.write = (data: string) => {
      write(data);
      if (!data.includes('Hello, world!')) return;
      const b = t.buffer.active;
      let text = '';
      for (let i = 0; i < b.length; i++) text += b.getLine(i)?.translateToString(true) ?? '';
      w.__parsedAtOnce.push(text.includes('Hello, world!'));
    };
  });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { __parsedAtOnce: boolean[] }).__parsedAtOnce),
    )
    .toEqual([true]);
  await expect.poll(() => terminalText(page)).toContain('Hello, world!');
});
