/**
 * `kubectl explain RESOURCE[.field...] [--recursive]`: kubectl's OpenAPI v3 plaintext explain
 * (kubectl pkg/explain/v2, its `plaintext` template and go-wordwrap), ported to TypeScript and run
 * on the schemas our API server serves (src/kube/openapiV3.ts). A test compares it byte for byte
 * with the real kubectl explaining against serve mode.
 */
import { openApiV3Schemas, V3_REF_PREFIX, type Schema } from '../../kube/openapiV3.ts';

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** A field path that does not exist: kubectl names the path's last element, whichever is missing. */
export class ExplainFieldError extends Error {
  override name = 'ExplainFieldError';
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

/** The header kubectl prints before looking for the field (so it is printed even when that fails). */
export function explainHeader(gvk: Gvk): string {
  return `${gvk.group ? `GROUP:      ${gvk.group}\n` : ''}KIND:       ${gvk.kind}\nVERSION:    ${gvk.version}\n\n`;
}

/**
 * The body after the header, ending in a newline as kubectl's does.
 * @throws ExplainFieldError when the path leads nowhere; Error when the kind has no schema.
 */
export function explainBody(gvk: Gvk, fieldPath: string[], recursive: boolean): string {
  const root = Object.values(openApiV3Schemas()).find((s) =>
    (s['x-kubernetes-group-version-kind'] as Gvk[] | undefined)?.some(
      (g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind,
    ),
  );
  if (!root)
    throw new Error(
      `GVK ${gvk.group}/${gvk.version}, Kind=${gvk.kind} not found in OpenAPI schema`,
    );
  const out = output(root, fieldPath, recursive, new Set());
  if (!out) throw new ExplainFieldError(`field "${fieldPath.at(-1)}" does not exist`);
  return `${out}\n`;
}
