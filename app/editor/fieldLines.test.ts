import { describe, expect, it } from 'vitest';
import { makeServer } from '../../src/fake-apiserver/testing/fixtures.ts';
import { applyManifest } from '../../src/kubectl/apply/index.ts';
import { locateField, markersFor, splitFieldPath } from './fieldLines.ts';

const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
---
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: one
    image: hello:v1
  - name: two
    imagePullPolicy: Sometimes
`;

describe('fieldLines', () => {
  it('splits field paths', () => {
    expect(splitFieldPath('spec.containers[1].env[0].name')).toEqual([
      'spec',
      'containers',
      1,
      'env',
      0,
      'name',
    ]);
    expect(splitFieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });

  it('finds a field in the n-th document', () => {
    expect(locateField(text, 1, 'spec.containers[1].imagePullPolicy')?.startLine).toBe(15);
    expect(locateField(text, 0, 'metadata.name')?.startLine).toBe(4);
  });

  it('maps a missing field to its nearest parent', () => {
    expect(locateField(text, 1, 'spec.containers[1].image')?.startLine).toBe(14);
    expect(locateField(text, 1, 'spec.nodeName')?.startLine).toBe(10);
  });

  it('puts the API server errors of an Apply on the offending lines', async () => {
    const { api } = makeServer();
    const outcomes = await applyManifest(api, text);
    const markers = markersFor(text, outcomes);
    expect(markers.map((m) => [m.startLine, m.message])).toEqual([
      [14, 'spec.containers[1].image: Required value'],
      [
        15,
        'spec.containers[1].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      ],
    ]);
  });

  it('puts a strict-decoding error on the unknown field', async () => {
    const { api } = makeServer();
    const t = text
      .replace('    image: hello:v1', '    image: hello:v1\n    colour: blue')
      .replace('    imagePullPolicy: Sometimes', '    image: x');
    const markers = markersFor(t, await applyManifest(api, t));
    expect(markers.map((m) => [m.startLine, m.message])).toEqual([
      [14, 'unknown field "spec.containers[0].colour"'],
    ]);
  });

  it('puts a YAML syntax error on its line', async () => {
    const { api } = makeServer();
    const t = text.replace('  name: bad', '  name: [bad');
    const markers = markersFor(t, await applyManifest(api, t));
    expect(markers[0]!.startLine).toBeGreaterThanOrEqual(9);
    expect(markers[0]!.message).toMatch(/^error converting YAML to JSON/);
  });
});
