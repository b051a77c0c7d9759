import { describe, expect, it } from 'vitest';
import {
  createYamlStreamPrinter,
  nameOf,
  printList,
  printObject,
  toGoJson,
  withKind,
} from './output.ts';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', managedFields: [{ manager: 'kubectl' }] },
  spec: { containers: [{ name: 'app', image: 'wasi/web:1' }] },
};

describe('printObject', () => {
  it('prints YAML without managedFields unless asked', () => {
    expect(printObject(pod, 'yaml')).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  containers:\n  - image: wasi/web:1\n    name: app\n',
    );
    expect(printObject(pod, 'yaml', { showManagedFields: true })).toContain(
      '  managedFields:\n  - manager: kubectl\n',
    );
  });

  it("prints JSON with sorted keys, 4-space indents and Go's HTML escapes", () => {
    const cm = {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'c' },
      data: { b: '<a & b>', a: '\u2028' },
    };
    expect(printObject(cm, 'json')).toBe(
      '{\n    "apiVersion": "v1",\n    "data": {\n        "a": "\\u2028",\n        "b": "\\u003ca \\u0026 b\\u003e"\n    },\n    "kind": "ConfigMap",\n    "metadata": {\n        "name": "c"\n    }\n}\n',
    );
    expect(toGoJson({ empty: {}, list: [] })).toBe('{\n    "empty": {},\n    "list": []\n}');
  });

  it('prints kind/name, with the API group for grouped kinds', () => {
    expect(printObject(pod, 'name')).toBe('pod/web\n');
    expect(
      nameOf({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1' } }),
    ).toBe('lease.coordination.k8s.io/node-1');
    expect(nameOf({ apiVersion: 'v1', kind: 'Pod', metadata: {} })).toBe('pod/<unknown>');
  });

  it('refuses an object without apiVersion or kind, as kubectl does', () => {
    expect(() => printObject({ metadata: { name: 'x' } }, 'yaml')).toThrow(
      'printObject: missing apiVersion or kind',
    );
  });
});

describe('printList', () => {
  it('wraps items in a List with an empty resourceVersion', () => {
    const items = [
      withKind('pods', { metadata: { name: 'a' } }),
      withKind('pods', { metadata: { name: 'b' } }),
    ];
    expect(printList(items, 'yaml')).toBe(
      'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\nkind: List\nmetadata:\n  resourceVersion: ""\n',
    );
    expect(printList([], 'json')).toBe(
      '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
    );
    expect(printList(items, 'name')).toBe('pod/a\npod/b\n');
    expect(printList([], 'name')).toBe('');
  });

  it('names the item that lacks apiVersion or kind', () => {
    expect(() => printList([pod, { metadata: {} }], 'json')).toThrow(
      'printList: items[1]: missing apiVersion or kind',
    );
  });

  it("keeps an object's own apiVersion and kind, and rejects unknown resources", () => {
    expect(withKind('leases', { kind: 'Lease', metadata: {} }).apiVersion).toBe(
      'coordination.k8s.io/v1',
    );
    expect(() => withKind('widgets' as never, {})).toThrow('withKind: unknown resource "widgets"');
  });
});

describe('createYamlStreamPrinter', () => {
  it('separates documents after the first with ---', () => {
    const print = createYamlStreamPrinter();
    const doc = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } };
    expect(print(doc) + print(doc)).toBe(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n',
    );
  });
});
