/**
 * Field-level validation errors with the texts of k8s.io/apimachinery/pkg/util/validation/field
 * (v1.33): the cause types of a 422 Status and the way each error prints its bad value.
 */

export type CauseType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const typeText: Record<CauseType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** A value printed verbatim, as Go prints a fmt.Stringer (Quantity) or a %#v-formatted struct. */
export interface RawValue {
  readonly raw: string;
}
export const raw = (text: string): RawValue => ({ raw: text });

/** The bad value of an error: Go prints ints and bools plainly, strings quoted, nil as "null". */
export type BadValue = string | number | boolean | null | undefined | RawValue;

const omitted: unique symbol = Symbol('omitted');

export interface FieldError {
  readonly type: CauseType;
  /** The field path as Kubernetes prints it: `spec.containers[0].image`, `metadata.labels`. */
  readonly field: string;
  readonly badValue: BadValue | typeof omitted;
  readonly detail: string;
}

/** Go's strconv.Quote: the %q verb. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp === 7) out += '\\a';
    else if (cp === 8) out += '\\b';
    else if (cp === 12) out += '\\f';
    else if (cp === 11) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** How Go's %v prints a number: integers plainly, floats in the shortest form (%g-like). */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}

function formatValue(v: BadValue): string {
  if (v === null || v === undefined) return goQuote('null');
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  return v.raw;
}

/** The message of an error without its field (field.Error.ErrorBody). */
export function errorBody(e: FieldError): string {
  let s: string;
  if (
    e.type === 'FieldValueRequired' ||
    e.type === 'FieldValueForbidden' ||
    e.type === 'FieldValueTooLong' ||
    e.type === 'InternalError' ||
    e.badValue === omitted
  ) {
    s = typeText[e.type];
  } else {
    s = `${typeText[e.type]}: ${formatValue(e.badValue as BadValue)}`;
  }
  return e.detail ? `${s}: ${e.detail}` : s;
}

/** `field: body`, the form of each error inside the aggregated message. */
export const errorString = (e: FieldError): string => `${e.field}: ${errorBody(e)}`;

const make = (
  type: CauseType,
  field: string,
  badValue: FieldError['badValue'],
  detail = '',
): FieldError => ({
  type,
  field,
  badValue,
  detail,
});

export const required = (field: string, detail = '') =>
  make('FieldValueRequired', field, '', detail);
export const invalid = (field: string, value: BadValue, detail: string) =>
  make('FieldValueInvalid', field, value, detail);
export const typeInvalid = (field: string, value: BadValue, detail: string) =>
  make('FieldValueTypeInvalid', field, value, detail);
export const notFound = (field: string, value: BadValue, detail = '') =>
  make('FieldValueNotFound', field, value, detail);
export const duplicate = (field: string, value: BadValue, detail = '') =>
  make('FieldValueDuplicate', field, value, detail);
export const forbidden = (field: string, detail: string) =>
  make('FieldValueForbidden', field, '', detail);
export const internalError = (field: string, detail: string) =>
  make('InternalError', field, null, detail);

/** Unsupported value; the supported values print quoted, comma-separated, in the order given. */
export function notSupported(
  field: string,
  value: BadValue,
  supported: readonly string[],
): FieldError {
  const detail =
    supported.length > 0 ? 'supported values: ' + supported.map(goQuote).join(', ') : '';
  return make('FieldValueNotSupported', field, value, detail);
}

/** Too long; a negative max prints "value is too long". */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long';
  return make('FieldValueTooLong', field, '<value omitted>', detail);
}

/** Too many items in a list. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} items` : 'has too many items';
  return make('FieldValueTooMany', field, actual >= 0 ? actual : omitted, detail);
}

/** Sorted copy, as sets.List sorts the supported values of a set-based check. */
export const sortedList = (values: Iterable<string>): string[] => [...values].sort();

/**
 * The aggregated message of an error list (ErrorList.ToAggregate().Error()): duplicates (by text)
 * dropped, one error alone, several as `[a, b]`.
 */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const seen = new Set<string>();
  const messages: string[] = [];
  for (const e of errors) {
    const text = errorString(e);
    if (seen.has(text)) continue;
    seen.add(text);
    messages.push(text);
  }
  return messages.length === 1 ? messages[0]! : `[${messages.join(', ')}]`;
}

/** Field path builder mirroring field.Path: child names join with `.`, indices and keys use `[x]`. */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(...names: string[]): FieldPath {
    return new FieldPath(names.join('.'));
  }
  child(...names: string[]): FieldPath {
    return new FieldPath(this.text === '' ? names.join('.') : `${this.text}.${names.join('.')}`);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }
  toString(): string {
    return this.text;
  }
}
