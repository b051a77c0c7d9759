/**
 * The Go shape of each Kubernetes type, compiled once from the generated schema: what the JSON
 * decoder and encoder of a Go API server see (structs, slices, maps, the scalar kinds, and the types
 * with their own JSON form: Quantity, IntOrString, Time, MicroTime, []byte, raw JSON).
 */
import {
  definition,
  refId,
  resourceDefinitionIds,
  type SchemaDefinition,
  type SchemaProperty,
} from '../../kube/schema/index.ts';
import type { ResourceName } from '../../kube/types.ts';

export interface StructShape {
  readonly k: 'struct';
  readonly id: string;
  /** The struct's name as Go error messages print it (`PodSpec`). */
  readonly goName: string;
  readonly fields: ReadonlyMap<string, FieldShape>;
  /** JSON fields in Go order, for encoding. */
  readonly order: readonly FieldShape[];
  /** Fields encoded even when absent: no omitempty, or a non-pointer struct. */
  readonly alwaysEncoded: readonly FieldShape[];
}
export interface FieldShape {
  /** Position in the Go struct. */
  readonly index: number;
  readonly json: string;
  readonly goPath: string;
  readonly omitEmpty: boolean;
  readonly pointer: boolean;
  readonly shape: Shape;
  /** Set when a default-off v1.33 feature gate guards the field. */
  readonly gate?: string;
  /** Encoded even when absent or empty: no omitempty, or a non-pointer struct. */
  readonly always: boolean;
}
export type Shape =
  | StructShape
  | { readonly k: 'slice'; readonly go: string; readonly elem: Shape }
  | { readonly k: 'map'; readonly go: string; readonly elem: Shape }
  | { readonly k: 'int'; readonly go: string; readonly bits: 32 | 64 }
  | {
      readonly k:
        | 'string'
        | 'bool'
        | 'float64'
        | 'quantity'
        | 'intstr'
        | 'time'
        | 'microtime'
        | 'bytes'
        | 'raw';
      readonly go: string;
    };

const specialByGoName: Record<string, Shape['k']> = {
  'v1.Time': 'time',
  'v1.MicroTime': 'microtime',
  'resource.Quantity': 'quantity',
  'intstr.IntOrString': 'intstr',
  'v1.FieldsV1': 'raw',
  'runtime.RawExtension': 'raw',
};

const structCache = new Map<string, StructShape>();
/** Kinds Go encodes as structs, which `omitempty` never leaves out. */
const neverEmpty = new Set<Shape['k']>(['struct', 'time', 'microtime', 'quantity', 'intstr']);

/** The compiled shape of a definition (e.g. `io.k8s.api.core.v1.PodSpec`). */
export function structShape(id: string): StructShape {
  const cached = structCache.get(id);
  if (cached) return cached;
  const def: SchemaDefinition = definition(id);
  const fields = new Map<string, FieldShape>();
  const order: FieldShape[] = [];
  const alwaysEncoded: FieldShape[] = [];
  const shape: StructShape = {
    k: 'struct',
    id,
    goName: def['x-go-name'] ?? id,
    fields,
    order,
    alwaysEncoded,
  };
  structCache.set(id, shape); // before the fields: types refer to themselves (JSONSchemaProps-style)
  for (const [goPath, json, omitEmpty] of def['x-go-fields'] ?? []) {
    const prop = def.properties?.[json];
    if (!prop) throw new Error(`schema ${id} lists Go field ${goPath} but has no property ${json}`);
    const goType = prop['x-go-type'] ?? '';
    const pointer = goType.startsWith('*');
    const fieldShape = propertyShape(prop, goType.replace(/^\*/, ''));
    const field: FieldShape = {
      index: order.length,
      json,
      goPath,
      omitEmpty,
      pointer,
      shape: fieldShape,
      ...(prop['x-kubernetes-feature-gate'] ? { gate: prop['x-kubernetes-feature-gate'] } : {}),
      // encoding/json ignores omitempty on non-pointer structs: `resources: {}`, `lastState: {}`,
      // `creationTimestamp: null` (a zero Time marshals as null).
      always: !omitEmpty || (!pointer && neverEmpty.has(fieldShape.k)),
    };
    fields.set(json, field);
    order.push(field);
    if (field.always) alwaysEncoded.push(field);
  }
  return shape;
}

function propertyShape(prop: SchemaProperty, go: string): Shape {
  if (prop.$ref) {
    const id = refId(prop.$ref);
    const def = definition(id);
    const special = specialByGoName[def['x-go-name'] ?? ''];
    if (special) return { k: special, go: def['x-go-name']! } as Shape;
    return structShape(id);
  }
  if (prop.type === 'array' && prop.items) {
    return { k: 'slice', go, elem: propertyShape(prop.items, go.replace(/^\[\]\*?/, '')) };
  }
  if (prop.type === 'object' && prop.additionalProperties) {
    const m = /^map\[[^\]]+\](.+)$/.exec(go);
    const elemGo = m ? m[1]! : '';
    return { k: 'map', go, elem: propertyShape(prop.additionalProperties, elemGo) };
  }
  if (prop.type === 'object') return { k: 'raw', go };
  if (prop.type === 'string')
    return { k: prop.format === 'byte' ? 'bytes' : 'string', go: go || 'string' };
  if (prop.type === 'integer') return { k: 'int', go, bits: prop.format === 'int32' ? 32 : 64 };
  if (prop.type === 'number') return { k: 'float64', go: go || 'float64' };
  if (prop.type === 'boolean') return { k: 'bool', go: go || 'bool' };
  throw new Error(`unsupported schema property ${JSON.stringify(prop).slice(0, 120)}`);
}

/** The root shape of a served resource. */
export const resourceShape = (resource: ResourceName): StructShape =>
  structShape(resourceDefinitionIds[resource]);

/** The Go type of a struct as messages print it (`v1.Pod`). */
export const goTypeOfStruct = (shape: StructShape): string =>
  `${shape.id.split('.').at(-2)}.${shape.goName}`;
