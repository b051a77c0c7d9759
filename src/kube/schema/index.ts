/**
 * The generated Kubernetes v1.33 JSON Schema (kubernetes.json, written by `npm run gen:schema`) with
 * types for the parts the code reads. Besides standard JSON Schema it carries Go facts as extensions:
 * `x-go-name` (struct name), `x-go-fields` ([Go field path, JSON name, omitempty] in Go order; embedded
 * structs appear as `VolumeSource.HostPath`) and, per property, `x-go-type` (reflect.Type.String()).
 */
import schemaJson from './kubernetes.json';
import type { ResourceName } from '../types.ts';

export interface SchemaProperty {
  description?: string;
  type?: string | string[];
  format?: string;
  enum?: string[];
  $ref?: string;
  items?: SchemaProperty;
  additionalProperties?: SchemaProperty | false;
  'x-go-type'?: string;
  'x-go-name'?: string;
  'x-kubernetes-feature-gate'?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

export type GoField = [goPath: string, json: string, omitEmpty: boolean];

export interface SchemaDefinition extends SchemaProperty {
  properties?: Record<string, SchemaProperty>;
  required?: string[];
  'x-go-fields'?: GoField[];
  'x-kubernetes-group-version-kind'?: { group: string; kind: string; version: string }[];
}

export interface KubernetesSchema {
  $schema: string;
  'x-kubernetes-version': string;
  definitions: Record<string, SchemaDefinition>;
}

export const kubernetesSchema = schemaJson as unknown as KubernetesSchema;

/** The definition id of the root type of each served resource. */
export const resourceDefinitionIds: Readonly<Record<ResourceName, string>> = {
  pods: 'io.k8s.api.core.v1.Pod',
  nodes: 'io.k8s.api.core.v1.Node',
  namespaces: 'io.k8s.api.core.v1.Namespace',
  configmaps: 'io.k8s.api.core.v1.ConfigMap',
  secrets: 'io.k8s.api.core.v1.Secret',
  events: 'io.k8s.api.core.v1.Event',
  serviceaccounts: 'io.k8s.api.core.v1.ServiceAccount',
  leases: 'io.k8s.api.coordination.v1.Lease',
};

/** Definition id from a `$ref` (`#/definitions/io.k8s.api.core.v1.Pod` → `io.k8s.api.core.v1.Pod`). */
export const refId = (ref: string): string => ref.slice(ref.lastIndexOf('/') + 1);

export function definition(id: string): SchemaDefinition {
  const def = kubernetesSchema.definitions[id];
  if (!def) throw new Error(`the Kubernetes schema has no definition ${id}`);
  return def;
}
