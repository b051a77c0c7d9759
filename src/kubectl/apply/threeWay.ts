/**
 * kubectl's client-side apply patch: CreateThreeWayMergePatch from apimachinery's
 * strategicpatch, ported as an algorithm. Deletions come from last-applied -> file (fields the
 * user removed from the file), changes and additions from live -> file (fields the file sets
 * differently from what is there), so fields others set (defaults, the kubelet's status,
 * another client's labels) are left alone. Lists with a merge key merge element by element.
 */
import { deepEqual } from '../../kube/objects.ts';
import type { ListStrategy } from '../../kube/patch.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface DiffMode {
  ignoreDeletions: boolean;
  ignoreChangesAndAdditions: boolean;
}

/** The strategic merge patch taking `current` to `modified`, deleting what `original` set. */
export function threeWayMergePatch(
  original: Obj | undefined,
  modified: Obj,
  current: Obj,
  strategies: Record<string, ListStrategy>,
): Obj {
  const delta = diffMaps(current, modified, '', strategies, {
    ignoreDeletions: true,
    ignoreChangesAndAdditions: false,
  });
  const deletions = original
    ? diffMaps(original, modified, '', strategies, {
        ignoreDeletions: false,
        ignoreChangesAndAdditions: true,
      })
    : {};
  return mergePatches(deletions, delta, '', strategies);
}

function diffMaps(
  from: Obj,
  to: Obj,
  path: string,
  strategies: Record<string, ListStrategy>,
  mode: DiffMode,
): Obj {
  const patch: Obj = {};
  for (const [key, value] of Object.entries(to)) {
    const child = path ? `${path}.${key}` : key;
    if (!(key in from)) {
      if (!mode.ignoreChangesAndAdditions) patch[key] = value;
      continue;
    }
    const old = from[key];
    if (isObj(old) && isObj(value)) {
      const sub = diffMaps(old, value, child, strategies, mode);
      if (Object.keys(sub).length > 0) patch[key] = sub;
    } else if (Array.isArray(old) && Array.isArray(value)) {
      diffLists(patch, key, old, value, child, strategies, mode);
    } else if (!deepEqual(old, value) && !mode.ignoreChangesAndAdditions) {
      patch[key] = value;
    }
  }
  if (!mode.ignoreDeletions) {
    for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  }
  return patch;
}

function diffLists(
  patch: Obj,
  key: string,
  from: unknown[],
  to: unknown[],
  path: string,
  strategies: Record<string, ListStrategy>,
  mode: DiffMode,
): void {
  const strategy = strategies[path];
  if (!strategy) {
    if (!deepEqual(from, to) && !mode.ignoreChangesAndAdditions) patch[key] = to;
    return;
  }
  if ('primitive' in strategy) {
    const added = to.filter((v) => !from.some((f) => deepEqual(f, v)));
    const removed = from.filter((v) => !to.some((t) => deepEqual(t, v)));
    if (added.length && !mode.ignoreChangesAndAdditions) patch[key] = added;
    if (removed.length && !mode.ignoreDeletions) patch[`$deleteFromPrimitiveList/${key}`] = removed;
    if (
      (added.length && !mode.ignoreChangesAndAdditions) ||
      (removed.length && !mode.ignoreDeletions)
    ) {
      if (!mode.ignoreChangesAndAdditions) patch[`$setElementOrder/${key}`] = to;
    }
    return;
  }
  const mk = strategy.mergeKey;
  const keyOf = (item: unknown) => (isObj(item) ? item[mk] : undefined);
  const items: Obj[] = [];
  for (const item of to) {
    if (!isObj(item)) continue;
    const old = from.find((f) => deepEqual(keyOf(f), item[mk]));
    if (old === undefined) {
      if (!mode.ignoreChangesAndAdditions) items.push(item);
    } else if (isObj(old)) {
      const sub = diffMaps(old, item, `${path}[]`, strategies, mode);
      if (Object.keys(sub).length > 0) items.push({ [mk]: item[mk], ...sub });
    }
  }
  if (!mode.ignoreDeletions) {
    for (const old of from) {
      if (isObj(old) && !to.some((t) => deepEqual(keyOf(t), old[mk]))) {
        items.push({ [mk]: old[mk], $patch: 'delete' });
      }
    }
  }
  if (items.length === 0) return;
  patch[key] = items;
  if (!mode.ignoreChangesAndAdditions) {
    patch[`$setElementOrder/${key}`] = to.filter(isObj).map((t) => ({ [mk]: t[mk] }));
  }
}

/** Both patches' effects in one: `b` wins where both set a field. */
function mergePatches(a: Obj, b: Obj, path: string, strategies: Record<string, ListStrategy>): Obj {
  const out: Obj = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const old = out[key];
    const child = path ? `${path}.${key}` : key;
    if (isObj(old) && isObj(value)) out[key] = mergePatches(old, value, child, strategies);
    else if (Array.isArray(old) && Array.isArray(value)) {
      const strategy = strategies[child];
      if (strategy && 'mergeKey' in strategy) {
        const mk = strategy.mergeKey;
        const merged = value.map((v) => {
          const twin = old.find((o) => isObj(o) && isObj(v) && deepEqual(o[mk], v[mk]));
          return isObj(twin) && isObj(v) ? mergePatches(twin, v, `${child}[]`, strategies) : v;
        });
        for (const o of old) {
          if (isObj(o) && !value.some((v) => isObj(v) && deepEqual(v[mk], o[mk]))) merged.push(o);
        }
        out[key] = merged;
      } else if (strategy && 'primitive' in strategy) {
        out[key] = [...old, ...value.filter((v) => !old.some((o) => deepEqual(o, v)))];
      } else out[key] = value;
    } else out[key] = value;
  }
  return out;
}
