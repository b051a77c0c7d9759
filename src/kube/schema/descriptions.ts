/**
 * The schema's descriptions, kept apart from its structure: `npm run gen:schema` writes them to
 * descriptions.json beside kubernetes.json. The API server needs only the structure (types, Go
 * facts), and the API server is on the page's first paint; the descriptions are three quarters of
 * the schema's bytes and only the editor's hovers and `kubectl explain` read them, which load later.
 *
 * Descriptions sit on definitions and on their properties only, and first among their keys, so the
 * split is lossless: `withDescriptions(splitDescriptions(s))` is `s`, key order included.
 */
import type { KubernetesSchema, SchemaDefinition, SchemaProperty } from './index.ts';

/** By definition id: the definition's own description, and each property's. */
export type SchemaDescriptions = Record<
  string,
  { description?: string; properties?: Record<string, string> }
>;

/** The schema without its descriptions, and the descriptions. */
export function splitDescriptions(schema: KubernetesSchema): {
  structure: KubernetesSchema;
  descriptions: SchemaDescriptions;
} {
  const definitions: Record<string, SchemaDefinition> = {};
  const descriptions: SchemaDescriptions = {};
  for (const [id, def] of Object.entries(schema.definitions)) {
    // Rest and reassignment keep every other key where it was.
    const { description, ...bare } = def;
    const entry: SchemaDescriptions[string] = {};
    if (description !== undefined) entry.description = description;
    if (def.properties) {
      const props: Record<string, SchemaProperty> = {};
      for (const [name, prop] of Object.entries(def.properties)) {
        const { description: text, ...propRest } = prop;
        if (text !== undefined) (entry.properties ??= {})[name] = text;
        props[name] = propRest;
      }
      bare.properties = props;
    }
    definitions[id] = bare;
    if (entry.description !== undefined || entry.properties) descriptions[id] = entry;
  }
  return { structure: { ...schema, definitions }, descriptions };
}

/** The schema with its descriptions put back, each first among its object's keys. */
export function withDescriptions(
  schema: KubernetesSchema,
  descriptions: SchemaDescriptions,
): KubernetesSchema {
  const definitions: Record<string, SchemaDefinition> = {};
  for (const [id, def] of Object.entries(schema.definitions)) {
    const entry = descriptions[id];
    if (!entry) {
      definitions[id] = def;
      continue;
    }
    let out: SchemaDefinition = def;
    if (def.properties && entry.properties) {
      const props: Record<string, SchemaProperty> = {};
      for (const [name, prop] of Object.entries(def.properties)) {
        const text = entry.properties[name];
        props[name] = text === undefined ? prop : { description: text, ...prop };
      }
      out = { ...def, properties: props };
    }
    definitions[id] =
      entry.description === undefined ? out : { description: entry.description, ...out };
  }
  return { ...schema, definitions };
}
