import { expect, test } from '@playwright/test';

test('the playground page loads with its cluster running in the tab', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Kubelet Playground' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Apply' })).toBeEnabled();
  // The kubelet registered its node with the API server in the tab.
  await page.getByRole('tab', { name: 'Nodes' }).click();
  const nodes = page.getByRole('table', { name: 'Nodes' });
  await expect(nodes.getByRole('row').nth(1)).toContainText(/playground\s*Ready/);
  expect(errors).toEqual([]);
});
