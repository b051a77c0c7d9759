import { expect, test } from '@playwright/test';

test('the playground page loads with the API server running in the tab', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Kubelet Playground' })).toBeVisible();
  const namespaces = page.getByRole('region', { name: 'Namespaces' });
  await expect(namespaces.getByRole('listitem')).toHaveText([
    'default',
    'kube-node-lease',
    'kube-public',
    'kube-system',
  ]);
  expect(errors).toEqual([]);
});
