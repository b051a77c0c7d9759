/**
 * `kubectl get -o yaml|json|name` (k8s.io/cli-runtime pkg/printers json.go, yaml.go, name.go and
 * kubectl's printGeneric, v1.33): several objects are wrapped in a `kind: List` whose
 * metadata.resourceVersion is "", items get their apiVersion and kind, managedFields are dropped
 * unless asked for, JSON has sorted keys, 4-space indents and Go's HTML-safe escapes, and YAML is
 * go-yaml v2's.
 */
import type { KubeObject, ResourceName } from '../../kube/types.ts';
import { compareGoStrings } from './format.ts';
import { toGoYaml, type JsonValue } from './goYaml.ts';
import { resourceKinds } from './table.ts';

export type OutputFormat = 'yaml' | 'json' | 'name';

export interface OutputOptions {
  /** `--show-managed-fields` (kubectl hides metadata.managedFields by default). */
  showManagedFields?: boolean;
}

/** Go's json.MarshalIndent(v, "", "    ") of an unstructured object: keys sorted, <>& escaped. */
export function toGoJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort(compareGoStrings))
        out[k] = sorted((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  const text = JSON.stringify(sorted(value), null, 4);
  if (text === undefined) throw new Error('toGoJson: the value cannot be written as JSON');
  // encoding/json's HTMLEscape, and U+2028/U+2029 which JavaScript leaves raw.
  return text.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function withoutManagedFields(obj: KubeObject, opts: OutputOptions): KubeObject {
  if (opts.showManagedFields || !obj.metadata || !('managedFields' in obj.metadata)) return obj;
  const { managedFields: _managedFields, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

function checkKind(obj: KubeObject, where: string): void {
  if (!obj.apiVersion || !obj.kind) {
    throw new Error(
      `${where}: missing apiVersion or kind; try GetObjectKind().SetGroupVersionKind() if you know the type`,
    );
  }
}

/** The resource's apiVersion and kind on an object that lacks them (items of a list response). */
export function withKind(resource: ResourceName, obj: KubeObject): KubeObject {
  const kinds = resourceKinds[resource];
  if (!kinds) throw new Error(`withKind: unknown resource "${String(resource)}"`);
  return { ...obj, apiVersion: obj.apiVersion || kinds.apiVersion, kind: obj.kind || kinds.kind };
}

/** NamePrinter: "pod/web", "lease.coordination.k8s.io/node-1". */
export function nameOf(obj: KubeObject): string {
  if (!obj.kind)
    throw new Error(`missing kind for resource with name ${obj.metadata?.name || '<unknown>'}`);
  const group = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const name = obj.metadata?.name || '<unknown>';
  return group ? `${obj.kind.toLowerCase()}.${group}/${name}` : `${obj.kind.toLowerCase()}/${name}`;
}

/** One object, as `kubectl get pod web -o <format>` prints it. */
export function printObject(
  obj: KubeObject,
  format: OutputFormat,
  opts: OutputOptions = {},
): string {
  checkKind(obj, 'printObject');
  const shown = withoutManagedFields(obj, opts);
  switch (format) {
    case 'name':
      return `${nameOf(shown)}\n`;
    case 'json':
      return `${toGoJson(shown)}\n`;
    case 'yaml':
      return toGoYaml(shown as JsonValue);
  }
}

/**
 * Several objects (or a list response), as `kubectl get pods -o <format>` prints them: a `List`
 * for yaml and json, one name per line for name. Items must carry apiVersion and kind (see
 * {@link withKind}).
 */
export function printList(
  items: readonly KubeObject[],
  format: OutputFormat,
  opts: OutputOptions = {},
): string {
  items.forEach((item, i) => checkKind(item, `printList: items[${i}]`));
  const shown = items.map((item) => withoutManagedFields(item, opts));
  if (format === 'name') return shown.map((item) => `${nameOf(item)}\n`).join('');
  const list = { apiVersion: 'v1', items: shown, kind: 'List', metadata: { resourceVersion: '' } };
  return format === 'json' ? `${toGoJson(list)}\n` : toGoYaml(list as unknown as JsonValue);
}

/** `kubectl get -w -o yaml`: documents after the first are preceded by "---". */
export function createYamlStreamPrinter(opts: OutputOptions = {}) {
  let count = 0;
  return (obj: KubeObject): string => {
    count++;
    return (count > 1 ? '---\n' : '') + printObject(obj, 'yaml', opts);
  };
}
