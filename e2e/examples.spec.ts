/** Every example's key moment, in Chromium, with real modules, the clock at x100. */
import { expect, test } from '@playwright/test';
import { examples } from '../app/examples/examples.ts';
import { podRow, podStatus, screenshot, terminalText } from './support/page.ts';

const moments: Record<
  string,
  { pod: string; status: RegExp; terminal?: string; restarts?: RegExp }
> = {
  hello: { pod: 'hello', status: /^Completed$/, terminal: 'Hello, world!' },
  'hello-world': {
    pod: 'hello-world',
    status: /^Completed$/,
    terminal: 'Hello from a ConfigMap volume',
  },
  'init-containers': { pod: 'init-demo', status: /^Completed$/, terminal: 'ready' },
  'init-fails': { pod: 'init-fails', status: /^Init:Error$/ },
  'crash-loop': { pod: 'crasher', status: /^CrashLoopBackOff$/, terminal: 'about to crash' },
  'on-failure': {
    pod: 'on-failure',
    status: /^Completed$/,
    restarts: /^2 \(/,
    terminal: 'runs so far: xxx',
  },
  never: { pod: 'never', status: /^Error$/ },
  'image-not-found': { pod: 'no-such-image', status: /^(ErrImagePull|ImagePullBackOff)$/ },
  'missing-configmap': { pod: 'needs-config', status: /^ContainerCreating$/ },
  oom: { pod: 'oom', status: /^OOMKilled$/ },
  'graceful-delete': { pod: 'ticker', status: /^Running$/, terminal: 'tick 1' },
  // The phase is held at Running while the container is stopped; then kubectl's STATUS shows
  // the killed container's reason (Error).
  'active-deadline': { pod: 'deadline', status: /^Error$/ },
  sidecar: { pod: 'with-sidecar', status: /^Completed$/, terminal: 'done' },
  'no-toleration': { pod: 'no-toleration', status: /^Pending$/ },
  'shared-emptydir': { pod: 'shared', status: /^Completed$/, terminal: 'wrote the message' },
};

test('every example has a key moment here', () => {
  expect(examples.map((e) => e.name).sort()).toEqual(Object.keys(moments).sort());
});

for (const example of examples) {
  test(`${example.name}: ${example.title}`, async ({ page }) => {
    const m = moments[example.name]!;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?example=${example.name}&speed=100`);
    await expect(page.getByLabel('What to watch for')).toHaveText(example.note);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(podStatus(page, m.pod)).toHaveText(m.status, { timeout: 15_000 });
    if (m.restarts)
      await expect(podRow(page, m.pod).getByRole('cell').nth(3)).toHaveText(m.restarts);
    if (m.terminal) await expect.poll(() => terminalText(page)).toContain(m.terminal);
    if (example.name === 'graceful-delete') {
      await page.getByLabel('Speed').selectOption('1');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(podStatus(page, m.pod)).toHaveText('Terminating');
      await expect(page.getByLabel('Why this status')).toContainText('20s grace period');
      // Skip through the ticker's sleeps to the end of the grace period.
      await expect(async () => {
        await page.getByRole('button', { name: 'Skip to next event' }).click();
        await expect(podRow(page, m.pod)).toHaveCount(0, { timeout: 200 });
      }).toPass({ timeout: 10_000 });
      await expect.poll(() => terminalText(page)).toContain('--- container ticker exited ---');
    }
    if (example.name === 'active-deadline') {
      await expect(page.getByLabel('Why this status')).toContainText(
        'active longer than activeDeadlineSeconds (15s)',
      );
    }
    if (example.name === 'missing-configmap') {
      await page.evaluate((text) => {
        window.kubeletPlayground!.setManifest(
          text.replace(/^# Step 2.*\n/m, '').replace(/^# ?/gm, ''),
        );
      }, example.manifest);
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect(podStatus(page, m.pod)).toHaveText('Completed', { timeout: 15_000 });
    }
    await screenshot(page, `example-${example.name}`);
  });
}
