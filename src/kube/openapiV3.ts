/**
 * The Kubernetes JSON Schema (src/kube/schema/, made for the editor), descriptions put back, in
 * the shape a real v1.33 API server serves its OpenAPI v3 `components.schemas`, which is what
 * `kubectl explain` reads: a `$ref` with a description beside it becomes `allOf: [{$ref}]`
 * (kube-openapi's v3 form), types that are several (Quantity, IntOrString) become `oneOf`, and what
 * only the editor needs goes (`enum` on apiVersion and kind, `additionalProperties: false`, the
 * `x-go-*` facts).
 */
import { describedSchema } from './schema/described.ts';

export type Schema = { [key: string]: unknown };

const REF_PREFIX = '#/definitions/';
export const V3_REF_PREFIX = '#/components/schemas/';

function convert(s: unknown, propertyName?: string): unknown {
  if (Array.isArray(s)) return s.map((v) => convert(v));
  if (typeof s !== 'object' || s === null) return s;
  const src = s as Schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k.startsWith('x-go-')) continue;
    if (k === 'additionalProperties' && typeof v === 'boolean') continue;
    if (k === 'enum' && (propertyName === 'apiVersion' || propertyName === 'kind')) continue;
    if (k === '$ref') out[k] = String(v).replace(REF_PREFIX, V3_REF_PREFIX);
    else if (k === 'type' && Array.isArray(v)) out.oneOf = v.map((t) => ({ type: t }));
    else if (k === 'properties') {
      const props: Schema = {};
      for (const [name, p] of Object.entries(v as Schema)) props[name] = convert(p, name);
      out[k] = props;
    } else out[k] = convert(v);
  }
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const { $ref, ...rest } = out;
    return { ...rest, allOf: [{ $ref }] };
  }
  return out;
}

let cached: Record<string, Schema> | undefined;

/** Every definition, keyed as in the OpenAPI (`io.k8s.api.core.v1.Pod`), in the v3 shape. */
export function openApiV3Schemas(): Record<string, Schema> {
  cached ??= convert(describedSchema().definitions) as Record<string, Schema>;
  return cached;
}
