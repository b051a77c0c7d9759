/**
 * Label and field selectors as the API server parses them (`-l`, `--field-selector`).
 * A parse failure throws SelectorError; the server turns it into a 400 BadRequest.
 */

export class SelectorError extends Error {
  override name = 'SelectorError';
}

export type LabelOp = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | 'gt' | 'lt';
export interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}
export type LabelSelector = LabelRequirement[];

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 316) {
    throw new SelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
  return key;
}

function checkValue(value: string): string {
  if (!VALUE.test(value) || value.length > 63) {
    throw new SelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  }
  return value;
}

export function parseLabelSelector(text: string | undefined): LabelSelector {
  const src = (text ?? '').trim();
  if (src === '') return [];
  return splitTopLevel(src).map((raw) => {
    const part = raw.trim();
    if (part === '')
      throw new SelectorError(`found '', expected: !, identifier, or 'end of string'`);
    const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (setMatch) {
      const values = setMatch[3]!.split(',').map((v) => checkValue(v.trim()));
      return { key: checkKey(setMatch[1]!), op: setMatch[2] as 'in' | 'notin', values };
    }
    const opMatch = /^([^!=<>\s]+)\s*(==|=|!=|>|<)\s*(\S*)$/.exec(part);
    if (opMatch) {
      const [, key, op, value] = opMatch;
      if (op === '>' || op === '<') {
        if (!/^-?\d+$/.test(value!)) {
          throw new SelectorError(
            `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`,
          );
        }
        return { key: checkKey(key!), op: op === '>' ? 'gt' : 'lt', values: [value!] };
      }
      return { key: checkKey(key!), op: op === '!=' ? '!=' : '=', values: [checkValue(value!)] };
    }
    if (part.startsWith('!')) return { key: checkKey(part.slice(1).trim()), op: '!', values: [] };
    if (/^\S+$/.test(part)) return { key: checkKey(part), op: 'exists', values: [] };
    throw new SelectorError(
      `unable to parse requirement: found '${part}', expected: in, notin, =, ==, !=, gt, lt`,
    );
  });
}

export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  for (const r of selector) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const value = has ? labels![r.key]! : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case '=':
      case 'in':
        if (!has || !r.values.includes(value!)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(value!)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(value!)) return false;
        const n = Number(value);
        const bound = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
    }
  }
  return true;
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}
export type FieldSelector = FieldRequirement[];

/** Splits on a separator that is not escaped with a backslash. */
function splitUnescaped(text: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[i + 1];
      i++;
    } else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const unescapeField = (v: string) => v.replace(/\\(.)/g, '$1');

export function parseFieldSelector(text: string | undefined): FieldSelector {
  const src = (text ?? '').trim();
  if (src === '') return [];
  return splitUnescaped(src, ',').map((part) => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/s.exec(part.trim());
    if (!m) throw new SelectorError(`invalid selector: '${src}'; can't understand '${part}'`);
    return { field: m[1]!.trim(), op: m[2] === '!=' ? '!=' : '=', value: unescapeField(m[3]!) };
  });
}

/** True when every requirement holds for the object's field values (missing fields read ""). */
export function matchesFields(
  selector: FieldSelector,
  value: (field: string) => string | undefined,
): boolean {
  for (const r of selector) {
    const v = value(r.field) ?? '';
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}

export interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** Matches a metav1.LabelSelector or a node selector term's matchExpressions against labels. */
export function matchesExpressions(
  exprs: SelectorRequirement[] | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  for (const e of exprs ?? []) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, e.key);
    const value = has ? labels![e.key]! : undefined;
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(value!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(value!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      case 'Gt':
      case 'Lt': {
        if (!has || !/^-?\d+$/.test(value!) || !/^-?\d+$/.test(values[0] ?? '')) return false;
        const n = Number(value);
        const bound = Number(values[0]);
        if (e.operator === 'Gt' ? !(n > bound) : !(n < bound)) return false;
        break;
      }
      default:
        return false;
    }
  }
  return true;
}
