import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../kube/virtualClock.ts';
import { createApiServer } from '../../fake-apiserver/index.ts';
import { runKubectl } from '../index.ts';
import { explain as explainRequest, wrap } from './explain.ts';
import { HELP } from './help.ts';

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

const failure = (err: string, out = '') => ({ code: 1, out, err });
const podHeader = 'KIND:       Pod\nVERSION:    v1\n\n';

describe('kubectl explain', () => {
  // Each file is what the real kubectl 1.33 printed explaining against serve mode
  // (`kubectl explain ARGS > testdata/explain/NAME.txt`, `_recursive` for --recursive);
  // realKubectl.test.ts checks more live.
  for (const file of fs.readdirSync(testdata).filter((f) => f.endsWith('.txt'))) {
    const args = file.replace(/\.txt$/, '').split('_');
    if (args[1] === 'recursive') args[1] = '--recursive';
    it(`prints what the real kubectl prints for: kubectl explain ${args.join(' ')}`, async () => {
      const r = await explain(...args);
      expect(r.err).toBe('');
      expect(r.out).toBe(fs.readFileSync(path.join(testdata, file), 'utf8'));
    });
  }

  it('explains a kind of another group with its GROUP line, also named with its group', async () => {
    const r = await explain('lease.spec.holderIdentity');
    expect(r.out).toMatch(
      /^GROUP: {6}coordination\.k8s\.io\nKIND: {7}Lease\nVERSION: {4}v1\n\nFIELD: holderIdentity <string>\n/,
    );
    expect(await explain('leases.coordination.k8s.io.spec.holderIdentity')).toEqual(r);
  });

  it('names the last element of a path that leads nowhere, after the header, as kubectl does', async () => {
    expect(await explain('pods.spec.nope.x')).toEqual(
      failure('error: field "x" does not exist\n', podHeader),
    );
  });

  it('says which resource type it does not know, bare, and what format it takes', async () => {
    expect(await explain('widgets')).toEqual(
      failure('the server doesn\'t have a resource type "widgets"\n'),
    );
    expect(await explain()).toEqual(
      failure(
        'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
      ),
    );
    expect(await explain('pods', 'a')).toEqual(
      failure('error: We accept only this format: explain RESOURCE\n'),
    );
  });

  // kubectl parses the argument as the jsonpath {.ARG}; these are the real kubectl's answers.
  it.each([
    ['pod.spec.containers[0]', 'error: invalid jsonpath syntax, first node must be field node\n'],
    ['pod.*', 'error: invalid jsonpath syntax, first node must be field node\n'],
    ['pod..spec', 'error: invalid jsonpath syntax, first node must be field node\n'],
    ['pods...spec', 'error: invalid multiple recursive descent\n'],
    ['pod.spec.{x}', "error: unrecognized character in action: U+007B '{'\n"],
    ['pod}x', 'error: must pass in 1 jsonpath string\n'],
    ['pod.spec[a,b]', 'error: invalid array index a\n'],
    ['pod.spec[-]', 'error: array index - is not a number\n'],
    ['pod.spec.[', 'error: unterminated array\n'],
    ['pod.spec[?(@.a', 'error: unterminated filter\n'],
    ['', 'error: a resource must be present, got: /, Resource=\n'],
  ])('refuses %j as kubectl does', async (arg, err) => {
    expect(await explain(arg)).toEqual(failure(err));
  });

  it.each([
    ["pod.metadata.labels['a']", 'a'],
    ['pods.spec.x\\.y', 'x.y'],
    ['pod.spec.1.2.3', '3'],
    ['pods.v1', 'v1'],
  ])('takes the fields of %j as kubectl does', async (arg, field) => {
    expect(await explain(arg)).toEqual(
      failure(`error: field "${field}" does not exist\n`, podHeader),
    );
  });

  it('drops a trailing dot, and keeps kubectl\'s "pods..spec" quirk', async () => {
    const spec = await explain('pods.spec');
    expect(spec.out).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nFIELD: spec <PodSpec>\n/);
    expect(await explain('pod.spec.')).toEqual(spec);
    expect(await explain('pods..spec')).toEqual(spec);
  });

  it('takes --api-version, and says which group-version it cannot find', async () => {
    expect(await explain('pods.spec', '--api-version=v1')).toEqual(await explain('pods.spec'));
    expect(await explain('pods', '--api-version=v2')).toEqual(
      failure('error: couldn\'t find resource for "/v2, Resource=pods"\n'),
    );
    expect(await explain('leases', '--api-version=v1')).toEqual(
      failure('error: GVR (/v1, Resource=leases) not found in OpenAPI schema\n'),
    );
    expect(await explain('pods', '--api-version=a/b/c')).toEqual(
      failure('error: unexpected GroupVersion string: a/b/c\n'),
    );
    expect(await explain('pods..spec', '--api-version=v1')).toEqual(
      failure('error: invalid jsonpath syntax, all nodes must be field nodes\n'),
    );
  });

  it('prints plaintext only; has --output but, like kubectl 1.33, no -o', async () => {
    expect(await explain('pods', '--output', 'plaintext')).toEqual(await explain('pods'));
    expect(await explain('pods', '--output=yaml')).toEqual(
      failure('error: unrecognized format: yaml\n'),
    );
    expect(await explain('pods', '-o', 'yaml')).toEqual(
      failure(
        "error: unknown shorthand flag: 'o' in -o\nSee 'kubectl explain --help' for usage.\n",
      ),
    );
    expect(await explain('pods', '--output=plaintext-openapiv2')).toEqual(
      failure(
        'error: the playground serves no OpenAPI v2 document; use the default --output=plaintext\n',
      ),
    );
  });

  it('says plainly when a served kind has no schema to explain', () => {
    const req = { path: 'pods', recursive: false, apiVersion: '', output: 'plaintext' };
    expect(explainRequest(req, {})).toEqual({
      out: podHeader,
      err: "error: the playground's OpenAPI schema has no definition of Pod, so it cannot explain it\n",
    });
  });

  it('prints its help', async () => {
    expect(await explain('--help')).toEqual({ code: 0, out: HELP.explain, err: '' });
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
