import { expect, test } from '@playwright/test';
import { screenshot, typeInTerminal } from './support/page.ts';

test('a lesson is completed step by step, its checks ticking as the cluster gets there', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?lesson=first-wasm-pod');
  const lesson = page.getByRole('complementary', { name: 'Lesson: Your first Wasm pod' });
  await expect(lesson.getByRole('heading', { name: 'Apply a pod that says hello' })).toBeVisible();
  const next = lesson.getByRole('button', { name: 'Next step' });
  await expect(next).toBeDisabled();
  await lesson.getByRole('button', { name: "Put this step's manifest in the editor" }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  const checks = lesson.getByRole('list', { name: 'Checks' }).getByRole('listitem');
  await expect(checks).toHaveText([
    /^✔ pod hello phase is Succeeded/,
    /^✔ pod hello STATUS is Completed/,
  ]);
  await next.click();
  await expect(lesson.getByRole('heading', { name: 'Read its events' })).toBeVisible();
  await expect(checks.filter({ hasText: '✔' })).toHaveCount(3);
  await next.click();
  await typeInTerminal(page, 'kubectl delete pod hello');
  await expect(checks).toHaveText([/^✔ pod hello is gone/]);
  await expect(lesson.getByRole('status')).toHaveText('Lesson complete.');
  await screenshot(page, 'lesson');
});
