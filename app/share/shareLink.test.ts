import { describe, expect, it } from 'vitest';
import {
  decodeShareFragment,
  encodeShareFragment,
  MAX_FRAGMENT_LENGTH,
  ShareLinkError,
} from './shareLink.ts';

const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  containers:
  - name: hello
    image: hello:v1
  restartPolicy: Never
  tolerations:
  - key: kubernetes.io/arch
    operator: Equal
    value: wasm32-wasi
    effect: NoSchedule
  - key: kubernetes.io/arch
    operator: Equal
    value: wasm32-wasi
    effect: NoExecute
`;

describe('share links', () => {
  it('round-trip the manifest, example, speed and selected pod', async () => {
    const state = { manifest, example: 'hello', speed: 10, pod: 'default/hello' };
    const fragment = await encodeShareFragment(state);
    expect(fragment).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareFragment(`#${fragment}`)).toEqual(state);
  });

  it('keep an ordinary manifest short enough for chat', async () => {
    const fragment = await encodeShareFragment({ manifest });
    expect(fragment.length).toBeLessThan(manifest.length);
    expect(fragment.length).toBeLessThan(400);
  });

  it('keep non-ASCII text exact', async () => {
    const m = `${manifest}# grüße, 世界 🚀\n`;
    expect((await decodeShareFragment(await encodeShareFragment({ manifest: m })))?.manifest).toBe(
      m,
    );
  });

  it('ignore fragments that are not share links', async () => {
    expect(await decodeShareFragment('')).toBeUndefined();
    expect(await decodeShareFragment('#terminal')).toBeUndefined();
  });

  it('say a cut-short link is damaged', async () => {
    const fragment = await encodeShareFragment({ manifest });
    await expect(decodeShareFragment(fragment.slice(0, fragment.length / 2))).rejects.toThrow(
      new ShareLinkError('the share link is damaged or cut short: copy the whole link again'),
    );
  });

  it('say a link from a newer format cannot be read here', async () => {
    await expect(decodeShareFragment('v2.abc')).rejects.toThrow(
      'this link was made by a newer playground (format v2); this one reads v1',
    );
  });

  it('drop values that are not allowed rather than trust them', async () => {
    const fragment = await encodeShareFragment({ manifest, speed: 7, pod: '../../x' });
    expect(await decodeShareFragment(fragment)).toEqual({ manifest });
  });

  it('refuse to make a link too long to share', async () => {
    let big = '';
    let seed = 1;
    while (big.length < MAX_FRAGMENT_LENGTH * 2) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      big += seed.toString(36);
    }
    await expect(encodeShareFragment({ manifest: big })).rejects.toThrow(/too large to share/);
  });
});
