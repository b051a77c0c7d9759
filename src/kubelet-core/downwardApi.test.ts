import { describe, expect, it } from 'vitest';
import { makePod } from '../fake-apiserver/testing/fixtures.ts';
import {
  containerResourceValue,
  extractFieldPath,
  formatMap,
  goQuote,
  splitSubscript,
  volumeResourceValue,
  withDefaultLimits,
} from './downwardApi.ts';

describe('goQuote (Go %q)', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['tab\there\nnew', '"tab\\there\\nnew"'],
    ['\x07\b\f\r\v', '"\\a\\b\\f\\r\\v"'],
    ['\x01\x7f', '"\\x01\\x7f"'],
    ['héllo ✓ 日本 🙂', '"héllo ✓ 日本 🙂"'],
    ['nb\u00a0sp', '"nb\\u00a0sp"'],
    ['zero\u200bwidth', '"zero\\u200bwidth"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['lone\ud800', '"lone\ufffd"'],
  ])('%j → %s', (text, quoted) => {
    expect(goQuote(text)).toBe(quoted);
  });
});

describe('formatMap', () => {
  it('writes key="value" lines sorted by key, without a trailing newline', () => {
    expect(formatMap({ zone: 'a', app: 'web', 'Z-upper': 'x', quote: 'say "hi"' })).toBe(
      'Z-upper="x"\napp="web"\nquote="say \\"hi\\""\nzone="a"',
    );
  });
  it('is empty for no map', () => {
    expect(formatMap(undefined)).toBe('');
  });
});

describe('splitSubscript', () => {
  it.each([
    ["metadata.labels['app']", ['metadata.labels', 'app']],
    ["metadata.annotations['a/b']", ['metadata.annotations', 'a/b']],
    ['metadata.labels', undefined],
    ["['x']", undefined],
    ["metadata.labels['x'", undefined],
  ])('%s', (path, expected) => {
    expect(splitSubscript(path)).toEqual(expected);
  });
});

describe('extractFieldPath', () => {
  const pod = makePod('p', {
    metadata: { uid: 'u-1', labels: { b: '2', a: '1' }, annotations: { note: 'x\ny' } },
  });
  it.each([
    ['metadata.name', 'p'],
    ['metadata.namespace', 'default'],
    ['metadata.uid', 'u-1'],
    ['metadata.labels', 'a="1"\nb="2"'],
    ['metadata.annotations', 'note="x\\ny"'],
    ["metadata.labels['b']", '2'],
    ["metadata.annotations['note']", 'x\ny'],
  ])('%s', (path, value) => {
    expect(extractFieldPath(pod, path)).toEqual({ ok: true, value });
  });
  it.each([
    ['spec.nodeName', 'unsupported fieldPath: spec.nodeName'],
    ["metadata.name['x']", 'fieldPath "metadata.name[\'x\']" does not support subscript'],
  ])('%s fails', (path, message) => {
    expect(extractFieldPath(pod, path)).toEqual({ ok: false, message });
  });
});

describe('containerResourceValue', () => {
  const c = {
    name: 'c',
    resources: {
      limits: { memory: '1536Mi', 'hugepages-2Mi': '4Mi', 'ephemeral-storage': '2G' },
      requests: { cpu: '1.5' },
    },
  };
  it.each([
    ['limits.memory', '1Gi', '2'],
    ['limits.memory', '1Mi', '1536'],
    ['limits.hugepages-2Mi', '2Mi', '2'],
    ['limits.ephemeral-storage', '1M', '2000'],
    ['requests.cpu', undefined, '2'],
    ['requests.cpu', '1m', '1500'],
    ['limits.cpu', undefined, '0'],
  ])('%s / %s is %s', (resource, divisor, value) => {
    expect(containerResourceValue({ resource, ...(divisor ? { divisor } : {}) }, c)).toEqual({
      ok: true,
      value,
    });
  });
});

describe('limits defaulting', () => {
  it('fills unset and zero cpu, memory and ephemeral-storage limits from allocatable', () => {
    const c = {
      name: 'c',
      resources: { limits: { cpu: '0', memory: '1Gi', 'hugepages-2Mi': '2Mi' } },
    };
    expect(
      withDefaultLimits(c, { cpu: '4', memory: '8Gi', 'ephemeral-storage': '20Gi', pods: '110' }),
    ).toEqual({
      name: 'c',
      resources: {
        limits: { cpu: '4', memory: '1Gi', 'hugepages-2Mi': '2Mi', 'ephemeral-storage': '20Gi' },
      },
    });
  });

  it('resolves a volume item against the named container, defaulted', () => {
    const pod = makePod('p');
    expect(
      volumeResourceValue(
        { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' },
        pod,
        {
          memory: '512Mi',
        },
      ),
    ).toEqual({ ok: true, value: '512' });
    expect(volumeResourceValue({ resource: 'limits.memory' }, pod, {})).toEqual({
      ok: false,
      message: 'container  not found',
    });
  });
});
