import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { podStatus, terminalText } from './support/page.ts';

const repo = path.join(import.meta.dirname, '..');
const helloWasm = () => {
  const index = JSON.parse(
    fs.readFileSync(path.join(repo, 'public/modules/index.json'), 'utf8'),
  ) as {
    modules: { name: string; layerDigest: string }[];
  };
  const m = index.modules.find((x) => x.name === 'hello')!;
  return fs.readFileSync(path.join(repo, `public/modules/v2/hello/blobs/${m.layerDigest}`));
};

test('a chosen .wasm becomes local/NAME:latest and a pod runs it', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add a WebAssembly module').setInputFiles({
    name: 'My Greeter.wasm',
    mimeType: 'application/wasm',
    buffer: helloWasm(),
  });
  await expect(page.getByRole('status', { name: 'Module' })).toContainText(
    'image local/my-greeter:latest (sha256:',
  );
  await page.evaluate(() =>
    window.kubeletPlayground!.setManifest(`apiVersion: v1
kind: Pod
metadata:
  name: mine
spec:
  restartPolicy: Never
  containers:
  - name: mine
    image: local/my-greeter:latest
  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}
`),
  );
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(podStatus(page, 'mine')).toHaveText('Completed');
  await expect.poll(() => terminalText(page)).toContain('Hello, world!');
});

test('a file that is not a WASI command is refused with the reason', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Add a WebAssembly module').setInputFiles({
    name: 'notes.wasm',
    mimeType: 'application/wasm',
    buffer: Buffer.from('#!/bin/sh\necho hi\n'),
  });
  await expect(page.getByRole('status', { name: 'Module' })).toHaveText(
    'module "notes" is not a WebAssembly module: it does not start with the magic bytes "\\0asm"',
  );
});
