/**
 * The warnings a v1.33 server returns with a successful create (the strategies' WarningsOnCreate and
 * pkg/api/pod/warnings.go): the ones a playground user can trigger.
 */
import { parseQuantity, quantityMilliValue } from '../../kube/quantity.ts';
import type { ResourceName } from '../../kube/types.ts';
import { isObj, list, obj, optNum, str, type Obj } from './access.ts';
import { isDNS1123Label } from './names.ts';

function fractionalBytes(resources: Obj | undefined, path: string): string[] {
  const out: string[] = [];
  // pkg/api/pod/warnings.go order: memory limits, memory requests, then ephemeral-storage.
  for (const name of ['memory', 'ephemeral-storage']) {
    for (const kind of ['limits', 'requests']) {
      const list = isObj(resources?.[kind]) ? (resources![kind] as Obj) : {};
      if (list[name] === undefined) continue;
      try {
        const q = parseQuantity(String(list[name]));
        if (quantityMilliValue(q) % 1000 !== 0) {
          out.push(
            `${path}.${kind}[${name}]: fractional byte value ${JSON.stringify(String(list[name]))} is invalid, must be an integer`,
          );
        }
      } catch {
        // rejected while decoding
      }
    }
  }
  return out;
}

function podWarnings(pod: Obj): string[] {
  const warnings: string[] = [];
  const name = str(obj(pod, 'metadata'), 'name');
  const labelProblems = isDNS1123Label(name);
  if (labelProblems.length > 0) {
    warnings.push(
      `metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [${labelProblems.join(' ')}]`,
    );
  }
  const spec = obj(pod, 'spec') ?? {};
  list(spec, 'volumes').forEach((v, i) => {
    const path = `spec.volumes[${i}]`;
    if (v.photonPersistentDisk !== undefined)
      warnings.push(`${path}.photonPersistentDisk: deprecated in v1.11, non-functional in v1.16+`);
    if (v.gitRepo !== undefined) warnings.push(`${path}.gitRepo: deprecated in v1.11`);
  });
  for (const kind of ['initContainers', 'containers']) {
    list(spec, kind).forEach((c, i) => {
      const path = `spec.${kind}[${i}]`;
      warnings.push(...fractionalBytes(obj(c, 'resources'), `${path}.resources`));
      const seen = new Set<string>();
      list(c, 'env').forEach((e, j) => {
        const envName = str(e, 'name');
        if (!seen.has(envName)) {
          seen.add(envName);
          return;
        }
        const ref = `$(${envName})`;
        const value = str(e, 'value');
        if (e.valueFrom !== undefined || value === ref || !value.includes(ref)) {
          warnings.push(
            `${path}.env[${j}]: hides previous definition of ${JSON.stringify(envName)}, which may be dropped when using apply`,
          );
        }
      });
    });
  }
  const grace = optNum(spec, 'terminationGracePeriodSeconds');
  if (grace !== undefined && grace < 0) {
    warnings.push(
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    );
  }
  return warnings;
}

/** Warnings for a create that succeeded. */
export function warningsOnCreate(resource: ResourceName, o: Obj): string[] {
  return resource === 'pods' ? podWarnings(o) : [];
}
