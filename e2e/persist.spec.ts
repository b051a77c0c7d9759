/**
 * Nothing lost: the cluster, its logs, the clock and the editor are kept in IndexedDB and come
 * back after a reload, as a node comes back after a reboot; Reset starts over; the whole cluster
 * goes out and comes back in as one YAML file; where storage is refused, the app says so and works.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { playgroundReady, podStatus, screenshot, watchPage } from './support/page.ts';

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
});

interface PodView {
  restarts: number;
  lastReason?: string;
  phase?: string;
}

async function pod(page: Page, name: string): Promise<PodView | undefined> {
  await playgroundReady(page);
  return page.evaluate(async (name) => {
    const { playground } = window.kubeletPlayground!;
    const p = await playground.server.get('pods', name).catch(() => undefined);
    if (!p) return undefined;
    const cs = p.status?.containerStatuses?.[0];
    return {
      restarts: cs?.restartCount ?? 0,
      ...(cs?.lastState?.terminated?.reason ? { lastReason: cs.lastState.terminated.reason } : {}),
      ...(p.status?.phase ? { phase: p.status.phase } : {}),
    };
  }, name);
}

/** Waits for an autosave that includes the current state. */
async function saved(page: Page): Promise<void> {
  await playgroundReady(page);
  await page.evaluate(() => window.kubeletPlayground!.persistence.saveNow());
  await expect(page.getByRole('status', { name: 'Saved state' })).toHaveText(
    'Saved in this browser',
  );
}

test('a reload in the middle of a crash loop brings back the pod, its restarts, its logs and the editor', async ({
  page,
}) => {
  const seen = watchPage(page);
  await page.goto('/?example=crash-loop&speed=100');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect
    .poll(async () => (await pod(page, 'crasher'))?.restarts ?? 0)
    .toBeGreaterThanOrEqual(2);
  await page.evaluate(() =>
    window.kubeletPlayground!.setManifest('# my notes, kept across the reload\n'),
  );
  await page.evaluate(() => window.kubeletPlayground!.playground.clock.pause());
  const before = (await pod(page, 'crasher'))!;
  await saved(page);

  await page.reload();
  await expect(podStatus(page, 'crasher')).toBeVisible();
  // The URL still names the example the edits were made from: the edits win.
  await expect(page.locator('.monaco-editor').first()).toContainText(
    '# my notes, kept across the reload',
  );
  await page.evaluate(() => window.kubeletPlayground!.playground.clock.play());
  await expect
    .poll(async () => (await pod(page, 'crasher'))?.restarts ?? 0)
    .toBeGreaterThan(before.restarts);
  const events = await page.evaluate(async () => {
    const { playground } = window.kubeletPlayground!;
    return (await playground.server.list('events')).items.map((e) => `${e.reason}: ${e.message}`);
  });
  expect(events).toContain(
    'SandboxChanged: Pod sandbox changed, it will be killed and re-created.',
  );
  expect(events).toContainEqual(
    expect.stringMatching(/^Rebooted: Node playground has been rebooted/),
  );
  // The log of a run from before the reload is there.
  const previous = await page.evaluate(() =>
    window.kubeletPlayground!.playground.kubelet.logs({
      namespace: 'default',
      pod: 'crasher',
      previous: true,
    }),
  );
  expect(previous).toContain('about to crash');
  await screenshot(page, 'after-reload');
  expect(seen.errors).toEqual([]);
});

test('the editor keeps what was typed across a reload when the URL names no example', async ({
  page,
}) => {
  await page.goto('/');
  await playgroundReady(page);
  await page.evaluate(() => window.kubeletPlayground!.setManifest('# kept\nkind: Pod\n'));
  await saved(page);
  await page.reload();
  await expect(page.locator('.monaco-editor').first()).toContainText('# kept');
});

test('Reset cluster starts over with an empty cluster', async ({ page }) => {
  await page.goto('/?example=hello&speed=100');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'hello')).toHaveText('Completed');
  await saved(page);
  page.once('dialog', (d) => void d.accept());
  // Waited for from before the click: the reload it starts may load before the click returns.
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Reset cluster' }).click();
  await reloaded;
  await expect(page.getByRole('button', { name: 'Apply' })).toBeVisible();
  await expect.poll(() => pod(page, 'hello')).toBeUndefined();
});

test('export the cluster as YAML, reset, import the file: the objects come back and run', async ({
  page,
}, info) => {
  await page.goto('/?example=hello-world&speed=100');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'hello-world')).toHaveText('Completed');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const file = info.outputPath('cluster.yaml');
  await (await download).saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toMatch(/^# Kubelet Playground cluster, exported /);
  expect(text).toContain('kind: ConfigMap');
  expect(text).toContain('kind: Secret');
  expect(text).toContain('kind: Pod');

  page.once('dialog', (d) => void d.accept());
  // Waited for from before the click: the reload it starts may load before the click returns.
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Reset cluster' }).click();
  await reloaded;
  await expect.poll(() => pod(page, 'hello-world')).toBeUndefined();
  await playgroundReady(page);

  await page.getByLabel('Import a cluster from a YAML file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported cluster.yaml' })).toContainText(
    'configmap/greeting created; secret/password created; pod/hello-world created',
  );
  await page.evaluate(() => window.kubeletPlayground!.playground.clock.setSpeed(100));
  await expect(podStatus(page, 'hello-world')).toHaveText('Completed');
});

test('an import that is not YAML of objects is refused with its line, and nothing changes', async ({
  page,
}, info) => {
  await page.goto('/?example=hello');
  const file = info.outputPath('broken.yaml');
  fs.writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n---\nfoo: [unclosed\n');
  await page.getByLabel('Import a cluster from a YAML file').setInputFiles(file);
  await expect(
    page.getByRole('status').filter({ hasText: 'Import of broken.yaml refused' }),
  ).toContainText('(line 6)');
  expect(await pod(page, 'a')).toBeUndefined();
});

test('where the browser refuses storage, the playground works and says nothing is kept', async ({
  page,
}) => {
  const seen = watchPage(page);
  await page.addInitScript(() => {
    Object.defineProperty(IDBFactory.prototype, 'open', {
      value() {
        throw new DOMException(
          'The user denied permission to access the database.',
          'SecurityError',
        );
      },
    });
  });
  await page.goto('/?example=hello&speed=100');
  await expect(page.getByRole('status', { name: 'Saved state' })).toHaveText(
    'Not saved: the browser refused storage here (SecurityError: The user denied permission to access the database.)',
  );
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'hello')).toHaveText('Completed');
  expect(seen.errors).toEqual([]);
});
