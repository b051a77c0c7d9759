/**
 * The JSON Schema the editor validates, completes and explains with: the generated Kubernetes
 * v1.33 definitions (src/kube/schema/, from kubernetes-types by `npm run gen:schema`) with their
 * descriptions for the hovers, a document being one of the kinds the playground serves, chosen by
 * its `kind`.
 */
import { describedSchema } from '../../src/kube/schema/described.ts';

const schemaJson = describedSchema();

const kinds = ['Pod', 'ConfigMap', 'Secret', 'Namespace'] as const;

export const manifestSchema = {
  $schema: schemaJson.$schema,
  definitions: schemaJson.definitions,
  type: 'object',
  required: ['apiVersion', 'kind'],
  properties: {
    kind: { type: 'string', enum: [...kinds], description: 'The kind of object this document is.' },
  },
  allOf: kinds.map((kind) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: { $ref: `#/definitions/io.k8s.api.core.v1.${kind}` },
  })),
};
