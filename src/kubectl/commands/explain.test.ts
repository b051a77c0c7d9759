import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../kube/virtualClock.ts';
import { createApiServer } from '../../fake-apiserver/index.ts';
import { runKubectl } from '../index.ts';
import { wrap } from './explain.ts';

const testdata = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata/explain');

async function explain(...args: string[]) {
  const clock = new VirtualClock();
  let out = '';
  let err = '';
  const code = await runKubectl(['explain', ...args], {
    client: createApiServer({ clock }).client('kubectl'),
    clock,
    out: (t) => (out += t),
    err: (t) => (err += t),
  }).done;
  return { code, out, err };
}

describe('kubectl explain', () => {
  // Each file is what the real kubectl 1.33 printed explaining against serve mode
  // (`kubectl explain ARGS > testdata/explain/NAME.txt`); realKubectl.test.ts checks more live.
  for (const file of fs.readdirSync(testdata).filter((f) => f.endsWith('.txt'))) {
    const args = file.replace(/\.txt$/, '').split('_');
    if (args[1] === 'recursive') args[1] = '--recursive';
    it(`prints what the real kubectl prints for: kubectl explain ${args.join(' ')}`, async () => {
      const r = await explain(...args);
      expect(r.err).toBe('');
      expect(r.out).toBe(fs.readFileSync(path.join(testdata, file), 'utf8'));
    });
  }

  it('explains a kind of another group with its GROUP line', async () => {
    const r = await explain('lease.spec.holderIdentity');
    expect(r.out).toMatch(
      /^GROUP: {6}coordination\.k8s\.io\nKIND: {7}Lease\nVERSION: {4}v1\n\nFIELD: holderIdentity <string>\n/,
    );
  });

  it('names the last element of a path that leads nowhere, after the header, as kubectl does', async () => {
    expect(await explain('pods.spec.nope.x')).toEqual({
      code: 1,
      out: 'KIND:       Pod\nVERSION:    v1\n\n',
      err: 'error: field "x" does not exist\n',
    });
  });

  it('says which resource type it does not know, bare, and what format it takes', async () => {
    expect(await explain('widgets')).toEqual({
      code: 1,
      out: '',
      err: 'the server doesn\'t have a resource type "widgets"\n',
    });
    expect((await explain()).err).toBe(
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    );
    expect((await explain('pods', 'a')).err).toBe(
      'error: We accept only this format: explain RESOURCE\n',
    );
  });
});

describe('wrap (go-wordwrap)', () => {
  it('breaks at spaces within the limit, keeps a word longer than the limit whole', () => {
    expect(wrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrap('see https://example.com/a/very/long/path here', 10)).toBe(
      'see\nhttps://example.com/a/very/long/path\nhere',
    );
  });

  it('keeps the newlines of the text and drops spaces that would end a full line', () => {
    expect(wrap('one two\nthree', 7)).toBe('one two\nthree');
    expect(wrap('ab   \ncd', 3)).toBe('ab\ncd');
  });
});
