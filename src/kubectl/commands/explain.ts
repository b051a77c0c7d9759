/**
 * `kubectl explain TYPE[.field...] [--recursive] [--api-version=G/V]`: kubectl v1.33's OpenAPI v3
 * explain (k8s.io/kubectl pkg/explain and pkg/explain/v2: its jsonpath-based argument parsing, its
 * `plaintext` template and go-wordwrap), ported to TypeScript and run on the schemas our API server
 * serves (src/kube/openapiV3.ts). Tests compare it byte for byte with the real kubectl explaining
 * against serve mode.
 */
import { resources, type ResourceDef } from '../../fake-apiserver/resources.ts';
import { openApiV3Schemas, V3_REF_PREFIX, type Schema } from '../../kube/openapiV3.ts';
import { jsonPathParse, JsonPathError, type JsonPathNode } from './explainPath.ts';

export interface ExplainRequest {
  /** The argument, `TYPE[.field...]`, e.g. `pods.spec.containers`. */
  path: string;
  recursive: boolean;
  /** `--api-version` (`group/version`); '' when not given. */
  apiVersion: string;
  /** `--output`: `plaintext`, kubectl's default. */
  output: string;
}

/** What kubectl explain writes: stdout, and stderr when it fails (then it exits 1). */
export interface ExplainResult {
  out: string;
  err: string;
}

/** A failure in kubectl's words; `bare` ones are printed without kubectl's `error: ` prefix. */
class ExplainError extends Error {
  constructor(
    message: string,
    readonly bare = false,
  ) {
    super(message);
  }
}

interface Gvr {
  group: string;
  version: string;
  resource: string;
}

const gvrString = (g: Gvr) => `${g.group}/${g.version}, Resource=${g.resource}`;
/** The group-versions whose OpenAPI the server publishes (`api/v1`, `apis/GROUP/VERSION`). */
const servedGroupVersions = new Set(Object.values(resources).map((d) => `${d.group}/${d.version}`));

/**
 * Runs `kubectl explain`; bad input is reported on stderr as kubectl words it, never thrown.
 * `definitions` are where kinds are looked up (a test passes none); `$ref`s resolve in ours.
 */
export function explain(
  req: ExplainRequest,
  definitions: Record<string, Schema> = openApiV3Schemas(),
): ExplainResult {
  let out = '';
  try {
    const { def, fieldPath } = req.apiVersion
      ? splitExact(req.path)
      : splitWithMatchingPrefix(req.path);
    if (req.output === 'plaintext-openapiv2') {
      throw new ExplainError(
        'the playground serves no OpenAPI v2 document; use the default --output=plaintext',
      );
    }
    const gvr: Gvr = {
      group: def.group,
      version: def.version,
      resource: def.name,
      ...(req.apiVersion ? parseGroupVersion(req.apiVersion) : {}),
    };
    if (!servedGroupVersions.has(`${gvr.group}/${gvr.version}`))
      throw new ExplainError(`couldn't find resource for "${gvrString(gvr)}"`);
    if (req.output !== 'plaintext') throw new ExplainError(`unrecognized format: ${req.output}`);
    const served = Object.values(resources).find(
      (d) => d.group === gvr.group && d.version === gvr.version && d.name === gvr.resource,
    );
    if (!served) throw new ExplainError(`GVR (${gvrString(gvr)}) not found in OpenAPI schema`);
    // Printed before the schema is searched, so it precedes a field's "does not exist".
    out += `${served.group ? `GROUP:      ${served.group}\n` : ''}KIND:       ${served.kind}\n`;
    out += `VERSION:    ${served.version}\n\n`;
    out += explainKind(served, fieldPath, req.recursive, definitions);
    return { out, err: '' };
  } catch (e) {
    if (e instanceof ExplainError && e.bare) return { out, err: `${e.message}\n` };
    if (e instanceof ExplainError || e instanceof JsonPathError)
      return { out, err: `error: ${e.message}\n` };
    throw e;
  }
}

/** apimachinery's ParseGroupVersion: `v1`, `GROUP/VERSION`; nothing more. */
function parseGroupVersion(gv: string): { group: string; version: string } {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: gv };
  if (parts.length === 2) return { group: parts[0]!, version: parts[1]! };
  throw new ExplainError(`unexpected GroupVersion string: ${gv}`);
}

/** The RESTMapper's lookup of the first jsonpath field: a plural, singular or short name. */
function resourceFor(name: string): ResourceDef {
  if (name === '') throw new ExplainError('a resource must be present, got: /, Resource=');
  const n = name.toLowerCase();
  const def = Object.values(resources).find(
    (d) => d.name === n || d.singular === n || d.shortNames.includes(n),
  );
  if (!def) throw new ExplainError(`the server doesn't have a resource type "${name}"`, true);
  return def;
}

/** The field path: the nodes after the first (the resource), which must all be fields. */
function fieldsAfterFirst(nodes: JsonPathNode[], error: string): string[] {
  return nodes.slice(1).map((n) => {
    if (n.kind !== 'Field') throw new ExplainError(`invalid jsonpath syntax, ${error}`);
    return n.value;
  });
}

/** The resource: the first node, a field. */
function firstField(nodes: JsonPathNode[]): string {
  const first = nodes[0];
  if (first?.kind !== 'Field')
    throw new ExplainError('invalid jsonpath syntax, first node must be field node');
  return first.value;
}

/** SplitAndParseResourceRequest, used with --api-version: `TYPE.field.field`. */
function splitExact(path: string): { def: ResourceDef; fieldPath: string[] } {
  const nodes = jsonPathParse(path);
  const def = resourceFor(firstField(nodes));
  return { def, fieldPath: fieldsAfterFirst(nodes, 'all nodes must be field nodes') };
}

/**
 * SplitAndParseResourceRequestWithMatchingPrefix: also takes `TYPE.GROUP.field`, as in
 * `leases.coordination.k8s.io.spec`. Its quirks are kept (`pods..spec` works, `pod..spec` not).
 */
function splitWithMatchingPrefix(path: string): { def: ResourceDef; fieldPath: string[] } {
  const nodes = jsonPathParse(path);
  const def = resourceFor(firstField(nodes));
  const groupResource = def.group ? `${def.name}.${def.group}` : def.name;
  const error = 'first node must be field node';
  if (!path.startsWith(groupResource)) return { def, fieldPath: fieldsAfterFirst(nodes, error) };
  const suffix = path.slice(groupResource.length);
  return { def, fieldPath: suffix ? fieldsAfterFirst(jsonPathParse(suffix), error) : [] };
}

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

type History = ReadonlySet<string>;

const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function resolveRef(ref: unknown): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith(V3_REF_PREFIX)) return undefined;
  return openApiV3Schemas()[ref.slice(V3_REF_PREFIX.length)];
}

const mapValues = (s: Schema): Schema | undefined =>
  isObject(s.additionalProperties) ? s.additionalProperties : undefined;
const itemsOf = (s: Schema): Schema | undefined => (isObject(s.items) ? s.items : undefined);
const allOfOf = (s: Schema): Schema[] => (Array.isArray(s.allOf) ? (s.allOf as Schema[]) : []);
const propsOf = (s: Schema): Record<string, Schema> | undefined =>
  isObject(s.properties) ? (s.properties as Record<string, Schema>) : undefined;
/** Go templates range over a map in key order. */
const sortedKeys = (o: Record<string, unknown>) => Object.keys(o).sort();

/** go-wordwrap's WrapString: breaks at spaces so lines stay within `limit`; never breaks a word. */
export function wrap(s: string, limit: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word.length === 0) {
        if (current + space.length <= limit) out += space;
      } else {
        out += space + word;
      }
      space = '';
      word = '';
      out += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += [...space].length + [...word].length;
        out += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      const wordLen = [...word].length;
      if (current + [...space].length + wordLen > limit && wordLen < limit) {
        out += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + [...space].length <= limit) out += space;
  } else out += space + word;
  return out;
}

/** The template's `indent`: pads the first line and every line after a newline. */
function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

/** `typeGuess`: `string`, `[]Container`, `map[string]string`, `Object`, `Quantity`... */
function typeGuess(s: Schema): string {
  const items = itemsOf(s);
  if (items) return `[]${typeGuess(items)}`;
  const values = mapValues(s);
  if (values) return `map[string]${typeGuess(values)}`;
  const allOf = allOfOf(s);
  if (allOf.length === 1 && !s.properties) return typeGuess(allOf[0]!);
  if (typeof s.$ref === 'string') {
    const target = resolveRef(s.$ref);
    if (!target || !target.type || target.type === 'object') {
      const name = s.$ref.split('/').at(-1) ?? '';
      return name.split('.').at(-1) || 'Object';
    }
    return String(target.type);
  }
  if (s.type === 'object') return 'Object';
  return typeof s.type === 'string' && s.type ? s.type : 'Object';
}

function enumValues(s: Schema): string[] | undefined {
  if (!Array.isArray(s.enum) || s.enum.length === 0) return undefined;
  return s.enum.map((e) => (e === '' ? '""' : String(e)));
}

/** `extractEnum`, long view (one field) or short (a field list, at most four values). */
function extractEnum(s: Schema, long: boolean, indentAmount = 0): string {
  const values = enumValues(s);
  if (!values) return '';
  if (long) return `ENUM:${values.map((v) => `\n    ${v}`).join('')}`;
  const shown =
    values.length > 4 ? [...values.slice(0, 4).join(', '), ', ....'].join('') : values.join(', ');
  return `\n${' '.repeat(indentAmount)}enum: ${shown}`;
}

/** The `description` template: this schema's, then those of its allOf, items and map values. */
function description(s: Schema): string {
  const r = resolveRef(s.$ref) ?? s;
  let out = typeof r.description === 'string' && r.description ? `${r.description}\n` : '';
  for (const sub of allOfOf(r)) out += description(sub);
  const items = itemsOf(r);
  if (items) out += description(items);
  const values = mapValues(r);
  if (values) out += description(values);
  return out;
}

function fieldDetail(name: string, parent: Schema, short: boolean, level: number): string {
  const indentAmount = level * 2;
  const field = propsOf(parent)![name]!;
  const required = Array.isArray(parent.required) && parent.required.includes(name);
  let out = `${indent(indentAmount, name)}\t<${typeGuess(field)}>`;
  if (required) out += ' -required-';
  out += extractEnum(field, false, indentAmount);
  out += '\n';
  if (!short) {
    const text =
      typeof field.description === 'string' && field.description
        ? field.description
        : '<no description>';
    out += `${indent(indentAmount + 2, wrap(text, 78 - indentAmount))}\n\n`;
  }
  return out;
}

function fieldList(s: Schema, level: number, recursive: boolean, history: History): string {
  const ref = typeof s.$ref === 'string' ? s.$ref : '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history).add(ref);
  const r = resolveRef(ref) ?? s;
  let out = '';
  const props = propsOf(r);
  if (props) {
    for (const name of sortedKeys(props)) {
      out += fieldDetail(name, r, recursive, level);
      if (recursive) out += fieldList(props[name]!, level + 1, recursive, next);
    }
  }
  for (const sub of allOfOf(r)) out += fieldList(sub, level, recursive, next);
  const items = itemsOf(r);
  if (items) out += fieldList(items, level, recursive, next);
  const values = mapValues(r);
  if (values) out += fieldList(values, level, recursive, next);
  return out;
}

/** The `output` template: follows the path, then describes what it reached. */
function output(s: Schema, path: string[], recursive: boolean, history: History): string {
  const ref = typeof s.$ref === 'string' ? s.$ref : '';
  const next = new Set(history).add(ref);
  const r = resolveRef(ref) ?? s;
  if (path.length === 0) {
    let out = `DESCRIPTION:\n${indent(4, wrap(description(r) || '<empty>', 76))}\n`;
    const fields = fieldList(r, 1, recursive, new Set());
    if (fields) out += `FIELDS:\n${fields}`;
    return out;
  }
  if (ref && history.has(ref)) return '';
  const props = propsOf(r);
  const first = path[0]!;
  if (props && Object.hasOwn(props, first)) {
    const sub = props[first]!;
    let out = '';
    if (path.length === 1)
      out += `FIELD: ${first} <${typeGuess(sub)}>\n${extractEnum(sub, true)}\n\n`;
    return out + output(sub, path.slice(1), recursive, new Set());
  }
  const items = itemsOf(r);
  if (items) return output(items, path, recursive, next);
  const values = mapValues(r);
  if (values) return output(values, path, recursive, next);
  for (const sub of allOfOf(r)) {
    const out = output(sub, path, recursive, next);
    if (out) return out;
  }
  return '';
}

/**
 * The template's body after the header, for a kind the server serves: what `output` prints,
 * ending in a newline as kubectl's does.
 */
function explainKind(
  def: ResourceDef,
  fieldPath: string[],
  recursive: boolean,
  definitions: Record<string, Schema>,
): string {
  const root = Object.values(definitions).find((s) =>
    (s['x-kubernetes-group-version-kind'] as Gvk[] | undefined)?.some(
      (g) => g.group === def.group && g.version === def.version && g.kind === def.kind,
    ),
  );
  // The real API server has a schema for every kind it serves; ours might not (yet).
  if (!root) {
    throw new ExplainError(
      `the playground's OpenAPI schema has no definition of ${def.kind}, so it cannot explain it`,
    );
  }
  const out = output(root, fieldPath, recursive, new Set());
  if (!out) throw new ExplainError(`field "${fieldPath.at(-1)}" does not exist`);
  return `${out}\n`;
}
