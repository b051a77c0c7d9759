/**
 * The three patch types the API server accepts: JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902) and Kubernetes' strategic merge patch, where lists of containers, volumes, env,
 * conditions... merge by their keys. All functions return new data and never touch their inputs.
 */
import { deepClone, deepEqual, isPlainObject } from './objects.ts';

export class PatchError extends Error {
  override name = 'PatchError';
}

/**
 * RFC 7386: objects merge recursively, null deletes, anything else replaces. Only the objects on
 * patched paths are copied; untouched subtrees of `target` are shared with the result.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return deepClone(patch);
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/'))
    throw new PatchError(`invalid JSON pointer "${pointer}": must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, tokens: string[], pointer: string): [Container, string] {
  let node = doc;
  for (const t of tokens.slice(0, -1)) {
    if (Array.isArray(node)) node = node[arrayIndex(t, node.length - 1, pointer)];
    else if (isPlainObject(node) && t in node) node = node[t];
    else throw new PatchError(`doc is missing path: "${pointer}": missing value`);
  }
  if (!Array.isArray(node) && !isPlainObject(node)) {
    throw new PatchError(`doc is missing path: "${pointer}": missing value`);
  }
  return [node, tokens[tokens.length - 1]!];
}

function arrayIndex(token: string, max: number, pointer: string): number {
  if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) > max) {
    throw new PatchError(`unable to access invalid index: ${token} in "${pointer}"`);
  }
  return Number(token);
}

function getAt(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const t of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[arrayIndex(t, node.length - 1, pointer)];
    else if (isPlainObject(node) && t in node) node = node[t];
    else throw new PatchError(`doc is missing path: "${pointer}": missing value`);
  }
  return node;
}

function addAt(doc: unknown, pointer: string, value: unknown): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return value;
  const [parent, key] = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : arrayIndex(key, parent.length, pointer);
    parent.splice(i, 0, value);
  } else parent[key] = value;
  return doc;
}

function removeAt(doc: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) throw new PatchError('cannot remove the whole document');
  const [parent, key] = resolveParent(doc, tokens, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length - 1, pointer), 1);
  else {
    if (!(key in parent))
      throw new PatchError(`Unable to remove nonexistent key: ${key}: missing value`);
    delete parent[key];
  }
  return doc;
}

/** RFC 6902, all six operations; a failing operation fails the whole patch. */
export function applyJsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = deepClone(target);
  for (const raw of ops as JsonPatchOp[]) {
    if (!isPlainObject(raw) || typeof raw.path !== 'string') {
      throw new PatchError('Unexpected kind: operation has no "path"');
    }
    switch (raw.op) {
      case 'add':
        doc = addAt(doc, raw.path, deepClone(raw.value));
        break;
      case 'remove':
        doc = removeAt(doc, raw.path);
        break;
      case 'replace':
        getAt(doc, raw.path);
        doc =
          parsePointer(raw.path).length === 0
            ? deepClone(raw.value)
            : addAt(removeAt(doc, raw.path), raw.path, deepClone(raw.value));
        break;
      case 'move': {
        const value = getAt(doc, raw.from ?? '');
        doc = addAt(removeAt(doc, raw.from ?? ''), raw.path, value);
        break;
      }
      case 'copy':
        doc = addAt(doc, raw.path, deepClone(getAt(doc, raw.from ?? '')));
        break;
      case 'test':
        if (!deepEqual(getAt(doc, raw.path), raw.value)) {
          throw new PatchError(`testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String((raw as { op?: unknown }).op)}`);
    }
  }
  return doc;
}

/** How a list field merges in a strategic merge patch. Absent: the list is replaced whole. */
export type ListStrategy = { mergeKey: string } | { primitive: true };

/**
 * Patch strategies of the fields we serve, keyed by path with `[]` for list elements
 * (from the `patchStrategy`/`patchMergeKey` tags of the Kubernetes API types).
 */
const containerLists = (prefix: string): Record<string, ListStrategy> => ({
  [prefix]: { mergeKey: 'name' },
  [`${prefix}[].env`]: { mergeKey: 'name' },
  [`${prefix}[].ports`]: { mergeKey: 'containerPort' },
  [`${prefix}[].volumeMounts`]: { mergeKey: 'mountPath' },
  [`${prefix}[].volumeDevices`]: { mergeKey: 'devicePath' },
});

const metadataStrategies: Record<string, ListStrategy> = {
  'metadata.finalizers': { primitive: true },
  'metadata.ownerReferences': { mergeKey: 'uid' },
};

export const patchStrategies: Record<string, Record<string, ListStrategy>> = {
  pods: {
    ...metadataStrategies,
    ...containerLists('spec.containers'),
    ...containerLists('spec.initContainers'),
    ...containerLists('spec.ephemeralContainers'),
    'spec.volumes': { mergeKey: 'name' },
    'spec.imagePullSecrets': { mergeKey: 'name' },
    'spec.hostAliases': { mergeKey: 'ip' },
    'status.conditions': { mergeKey: 'type' },
    'status.podIPs': { mergeKey: 'ip' },
    'status.hostIPs': { mergeKey: 'ip' },
  },
  nodes: {
    ...metadataStrategies,
    'spec.podCIDRs': { primitive: true },
    'status.conditions': { mergeKey: 'type' },
    'status.addresses': { mergeKey: 'type' },
  },
  serviceaccounts: { ...metadataStrategies, secrets: { mergeKey: 'name' } },
};

export const strategiesFor = (resource: string): Record<string, ListStrategy> =>
  patchStrategies[resource] ?? metadataStrategies;

const DIRECTIVE = '$patch';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';
const SET_ORDER = '$setElementOrder/';
const RETAIN_KEYS = '$retainKeys';

/** Kubernetes' strategic merge patch, for the resource whose strategies are given. */
export function applyStrategicMergePatch(
  target: unknown,
  patch: unknown,
  strategies: Record<string, ListStrategy>,
): unknown {
  if (!isPlainObject(patch))
    throw new PatchError('unable to find api field in struct for the patch: expected an object');
  return mergeMap(isPlainObject(target) ? target : {}, patch, '', strategies);
}

function mergeMap(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
  path: string,
  strategies: Record<string, ListStrategy>,
): Record<string, unknown> {
  const directive = patch[DIRECTIVE];
  if (directive === 'replace') {
    const copy = deepClone(patch);
    delete copy[DIRECTIVE];
    return copy;
  }
  if (directive === 'delete') return {};
  if (directive !== undefined && directive !== 'merge') {
    throw new PatchError(
      `Unknown patch type: ${String(directive)} in map: ${JSON.stringify(patch)}`,
    );
  }
  const out = deepClone(target);
  const retain = patch[RETAIN_KEYS];
  if (Array.isArray(retain)) {
    for (const key of Object.keys(out))
      if (!retain.includes(key) && !(key in patch)) delete out[key];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === DIRECTIVE || key === RETAIN_KEYS || key.startsWith(SET_ORDER)) continue;
    if (key.startsWith(DELETE_PRIMITIVE)) {
      const field = key.slice(DELETE_PRIMITIVE.length);
      const current = out[field];
      if (Array.isArray(current) && Array.isArray(value)) {
        out[field] = current.filter((v) => !value.some((d) => deepEqual(d, v)));
      }
      continue;
    }
    const childPath = path === '' ? key : `${path}.${key}`;
    if (value === null) {
      delete out[key];
    } else if (Array.isArray(value)) {
      out[key] = mergeList(out[key], value, childPath, strategies, patch[`${SET_ORDER}${key}`]);
    } else if (isPlainObject(value)) {
      out[key] = mergeMap(isPlainObject(out[key]) ? out[key] : {}, value, childPath, strategies);
    } else {
      out[key] = value;
    }
  }
  const orderKeys = Object.keys(patch).filter((k) => k.startsWith(SET_ORDER));
  for (const k of orderKeys) {
    const field = k.slice(SET_ORDER.length);
    if (!(field in patch) && Array.isArray(out[field])) {
      out[field] = applyOrder(
        out[field] as unknown[],
        patch[k],
        strategies[path === '' ? field : `${path}.${field}`],
      );
    }
  }
  return out;
}

function mergeList(
  target: unknown,
  patch: unknown[],
  path: string,
  strategies: Record<string, ListStrategy>,
  order: unknown,
): unknown[] {
  const strategy = strategies[path];
  const current = Array.isArray(target) ? target : [];
  if (!strategy) {
    // Atomic list: replaced whole, but a `$patch: replace` marker item is dropped.
    return deepClone(
      patch.filter((item) => !(isPlainObject(item) && item[DIRECTIVE] === 'replace')),
    );
  }
  if ('primitive' in strategy) {
    const merged = [...current];
    for (const v of patch) if (!merged.some((m) => deepEqual(m, v))) merged.push(deepClone(v));
    return applyOrder(merged, order, strategy);
  }
  const key = strategy.mergeKey;
  if (patch.some((item) => isPlainObject(item) && item[DIRECTIVE] === 'replace')) {
    return deepClone(
      patch.filter((item) => !(isPlainObject(item) && item[DIRECTIVE] === 'replace')),
    );
  }
  const out = current.map((item) => deepClone(item));
  for (const item of patch) {
    if (!isPlainObject(item))
      throw new PatchError(`invalid list item in ${path}: expected an object with "${key}"`);
    if (!(key in item))
      throw new PatchError(
        `map: ${JSON.stringify(item)} does not contain declared merge key: ${key}`,
      );
    const index = out.findIndex((e) => isPlainObject(e) && deepEqual(e[key], item[key]));
    if (item[DIRECTIVE] === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    if (index >= 0)
      out[index] = mergeMap(out[index] as Record<string, unknown>, item, `${path}[]`, strategies);
    else out.push(mergeMap({}, item, `${path}[]`, strategies));
  }
  return applyOrder(out, order, strategy);
}

/** `$setElementOrder`: items named in the order come first, in that order; the rest keep theirs. */
function applyOrder(
  list: unknown[],
  order: unknown,
  strategy: ListStrategy | undefined,
): unknown[] {
  if (!Array.isArray(order) || !strategy) return list;
  const keyOf = (item: unknown) =>
    'mergeKey' in strategy && isPlainObject(item) ? item[strategy.mergeKey] : item;
  const wanted = order.map((o) =>
    'mergeKey' in strategy && isPlainObject(o) ? o[strategy.mergeKey] : o,
  );
  const ordered: unknown[] = [];
  for (const w of wanted) {
    const found = list.find((item) => deepEqual(keyOf(item), w));
    if (found !== undefined) ordered.push(found);
  }
  for (const item of list) if (!ordered.includes(item)) ordered.push(item);
  return ordered;
}
