/**
 * Pod specs as Go values of the API server's internal types (core.PodSpec and friends), for the
 * go-cmp diff Kubernetes prints when a pod update changes an immutable field. Built from the v1 JSON
 * with the Go facts of the generated schema; the internal types differ from v1 where noted below.
 */
import { definition, refId, type SchemaProperty } from '../../kube/schema/index.ts';
import { parseQuantity, type Quantity } from '../../kube/quantity.ts';
import { isObj, type Obj } from './access.ts';

export type GoValue =
  | {
      k: 'struct';
      type: string;
      fields: { name: string; v: GoValue }[];
      quantity?: Quantity | null;
    }
  | { k: 'ptr'; type: string; elem: GoValue | null }
  | { k: 'slice'; type: string; elems: GoValue[] | null }
  | { k: 'map'; type: string; stringerKeys: boolean; entries: { key: string; v: GoValue }[] | null }
  | { k: 'string'; type: string; v: string; stringer?: boolean }
  | { k: 'int'; type: string; v: number }
  | { k: 'bool'; type: string; v: boolean };

/**
 * The internal core.PodSpec field order: host namespaces live in the security context there, and the
 * deprecated serviceAccount alias does not exist.
 */
const internalPodSpecOrder = [
  'volumes',
  'initContainers',
  'containers',
  'ephemeralContainers',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'activeDeadlineSeconds',
  'dnsPolicy',
  'nodeSelector',
  'serviceAccountName',
  'automountServiceAccountToken',
  'nodeName',
  'securityContext',
  'imagePullSecrets',
  'hostname',
  'subdomain',
  'setHostnameAsFQDN',
  'affinity',
  'schedulerName',
  'tolerations',
  'hostAliases',
  'priorityClassName',
  'priority',
  'preemptionPolicy',
  'dnsConfig',
  'readinessGates',
  'runtimeClassName',
  'overhead',
  'enableServiceLinks',
  'topologySpreadConstraints',
  'os',
  'schedulingGates',
  'resourceClaims',
  'resources',
];
/** Pod-level fields internal core.PodSecurityContext carries first. */
const hostFields: [goName: string, json: string, goType: string][] = [
  ['HostNetwork', 'hostNetwork', 'bool'],
  ['HostPID', 'hostPID', 'bool'],
  ['HostIPC', 'hostIPC', 'bool'],
  ['ShareProcessNamespace', 'shareProcessNamespace', '*bool'],
  ['HostUsers', 'hostUsers', '*bool'],
];
/** Fields that are values in the internal types but pointers in v1 (defaulting always sets them). */
const internalNonPointer = new Set(['ServiceAccountTokenProjection.ExpirationSeconds']);

/** v1 → internal type names: core types live in package `core`; apimachinery ones keep theirs. */
function internalType(goType: string): string {
  return goType.replace(/\bv1\.(?=[A-Z])/g, (m, offset: number) => {
    const name = goType.slice(offset + 3).match(/^\w+/)?.[0] ?? '';
    return metaTypes.has(name) ? m : 'core.';
  });
}
const metaTypes = new Set([
  'ObjectMeta',
  'LabelSelector',
  'LabelSelectorRequirement',
  'Time',
  'MicroTime',
  'OwnerReference',
  'ManagedFieldsEntry',
  'FieldsV1',
]);

const quantityStruct = (q: Quantity | null): GoValue => {
  const fields: { name: string; v: GoValue }[] = [];
  const dec = q?.dec ?? false;
  fields.push({
    name: 'i',
    v: {
      k: 'struct',
      type: 'resource.int64Amount',
      fields: [
        { name: 'value', v: { k: 'int', type: 'int64', v: q && !dec ? Number(q.mantissa) : 0 } },
        { name: 'scale', v: { k: 'int', type: 'resource.Scale', v: q && !dec ? q.exp : 0 } },
      ],
    },
  });
  fields.push({
    name: 'd',
    v: {
      k: 'struct',
      type: 'resource.infDecAmount',
      fields: [
        {
          name: 'Dec',
          v:
            q && dec
              ? {
                  k: 'ptr',
                  type: '*inf.Dec',
                  elem: { k: 'string', type: 'inf.Dec', v: infDecString(q), stringer: true },
                }
              : { k: 'ptr', type: '*inf.Dec', elem: null },
        },
      ],
    },
  });
  fields.push({ name: 's', v: { k: 'string', type: 'string', v: q?.text ?? '' } });
  fields.push({
    name: 'Format',
    v: { k: 'string', type: 'resource.Format', v: q ? q.format : '' },
  });
  return { k: 'struct', type: 'resource.Quantity', fields, quantity: q };
};

function infDecString(q: Quantity): string {
  const scale = -q.exp;
  const digits = (q.mantissa < 0n ? -q.mantissa : q.mantissa).toString();
  if (scale <= 0) return (q.mantissa < 0n ? '-' : '') + digits + '0'.repeat(-scale);
  const padded = digits.padStart(scale + 1, '0');
  return (q.mantissa < 0n ? '-' : '') + padded.slice(0, -scale) + '.' + padded.slice(-scale);
}

function zeroOfType(goType: string): GoValue {
  const t = internalType(goType);
  if (t.startsWith('*')) return { k: 'ptr', type: t, elem: null };
  if (t.startsWith('[]')) return { k: 'slice', type: t, elems: null };
  if (t.startsWith('map[') || t === 'core.ResourceList')
    return { k: 'map', type: t, stringerKeys: t === 'core.ResourceList', entries: null };
  if (t === 'bool') return { k: 'bool', type: t, v: false };
  if (/^(int|int32|int64)$/.test(t)) return { k: 'int', type: t, v: 0 };
  return { k: 'string', type: t, v: '' };
}

/** Builds the Go value of a JSON value whose schema property and Go type are given. */
function fromProperty(v: unknown, prop: SchemaProperty, goType: string): GoValue {
  const pointer = goType.startsWith('*');
  const elemType = pointer ? goType.slice(1) : goType;
  if (v === undefined || v === null) return zeroOfType(goType);
  const inner = (): GoValue => {
    if (prop.$ref) {
      const id = refId(prop.$ref);
      if (id.endsWith('.Quantity')) {
        let q: Quantity | null = null;
        try {
          q = parseQuantity(String(v));
        } catch {
          q = null;
        }
        return quantityStruct(q);
      }
      if (id.endsWith('.IntOrString')) {
        const isInt = typeof v === 'number';
        return {
          k: 'struct',
          type: 'intstr.IntOrString',
          fields: [
            { name: 'Type', v: { k: 'int', type: 'intstr.Type', v: isInt ? 0 : 1 } },
            { name: 'IntVal', v: { k: 'int', type: 'int32', v: isInt ? v : 0 } },
            { name: 'StrVal', v: { k: 'string', type: 'string', v: isInt ? '' : String(v) } },
          ],
        };
      }
      return fromStruct(isObj(v) ? v : {}, id);
    }
    if (prop.type === 'array' && prop.items) {
      const items = Array.isArray(v) ? v : [];
      return {
        k: 'slice',
        type: internalType(elemType),
        elems: items.map((item) => fromProperty(item, prop.items!, elemType.slice(2))),
      };
    }
    if (prop.type === 'object' && prop.additionalProperties) {
      const entries = Object.keys(isObj(v) ? v : {})
        .sort()
        .map((key) => ({
          key,
          v: fromProperty(
            (v as Obj)[key],
            prop.additionalProperties as SchemaProperty,
            valueTypeOf(elemType),
          ),
        }));
      return {
        k: 'map',
        type: internalType(elemType),
        stringerKeys: elemType === 'v1.ResourceList',
        entries,
      };
    }
    if (prop.type === 'boolean') return { k: 'bool', type: elemType, v: v === true };
    if (prop.type === 'integer' || prop.type === 'number')
      return { k: 'int', type: elemType, v: typeof v === 'number' ? v : 0 };
    return { k: 'string', type: internalType(elemType), v: String(v) };
  };
  const value = inner();
  return pointer ? { k: 'ptr', type: internalType(goType), elem: value } : value;
}

function valueTypeOf(mapType: string): string {
  if (mapType === 'v1.ResourceList') return 'resource.Quantity';
  return /^map\[[^\]]+\](.+)$/.exec(mapType)?.[1] ?? 'string';
}

/** The Go value of a struct definition; embedded structs become nested struct values. */
export function fromStruct(o: Obj, id: string): GoValue {
  const def = definition(id);
  const goName = def['x-go-name'] ?? id;
  const typeName = internalType(`${id.split('.').at(-2)}.${goName}`);
  const goFields = def['x-go-fields'] ?? [];
  let order = goFields;
  if (goName === 'PodSpec') {
    const byJson = new Map(goFields.map((f) => [f[1], f]));
    order = internalPodSpecOrder.filter((j) => byJson.has(j)).map((j) => byJson.get(j)!);
  }
  const root: { k: 'struct'; type: string; fields: { name: string; v: GoValue }[] } = {
    k: 'struct',
    type: typeName,
    fields: [],
  };
  if (goName === 'PodSecurityContext') {
    const spec = (o as { __podSpec?: Obj }).__podSpec ?? {};
    for (const [name, json, goType] of hostFields) {
      root.fields.push({
        name,
        v: fromProperty(
          spec[json],
          goType === 'bool' ? { type: 'boolean' } : { type: 'boolean' },
          goType,
        ),
      });
    }
  }
  for (const [goPath, json] of order) {
    const prop = def.properties?.[json];
    if (!prop) continue;
    let goType = prop['x-go-type'] ?? 'string';
    const parts = goPath.split('.');
    const name = parts.at(-1)!;
    if (internalNonPointer.has(`${goName}.${name}`)) goType = goType.replace(/^\*/, '');
    let value =
      json === 'securityContext' && goName === 'PodSpec'
        ? fromProperty({ ...(isObj(o[json]) ? (o[json] as Obj) : {}), __podSpec: o }, prop, goType)
        : fromProperty(o[json], prop, goType);
    if (json === 'securityContext' && goName === 'PodSpec' && o[json] === undefined)
      value = { k: 'ptr', type: '*core.PodSecurityContext', elem: null };
    let target = root.fields;
    let typePrefix = '';
    for (const embedded of parts.slice(0, -1)) {
      typePrefix = embedded;
      let holder = target.find((f) => f.name === embedded);
      if (!holder) {
        holder = {
          name: embedded,
          v: { k: 'struct', type: internalType(embeddedType(embedded)), fields: [] },
        };
        target.push(holder);
      }
      target = (holder.v as Extract<GoValue, { k: 'struct' }>).fields;
    }
    void typePrefix;
    target.push({ name, v: value });
  }
  return root;
}

function embeddedType(name: string): string {
  return name === 'TypeMeta' ? 'v1.TypeMeta' : `v1.${name}`;
}

/** Go's reflect.Value.IsZero for these values. */
export function isZero(v: GoValue): boolean {
  switch (v.k) {
    case 'struct':
      return v.fields.every((f) => isZero(f.v));
    case 'ptr':
      return v.elem === null;
    case 'slice':
      return v.elems === null;
    case 'map':
      return v.entries === null;
    case 'string':
      return v.v === '';
    case 'int':
      return v.v === 0;
    case 'bool':
      return !v.v;
  }
}
