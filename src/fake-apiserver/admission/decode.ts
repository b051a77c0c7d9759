/**
 * Decoding a request body the way a v1.33 API server does (sigs.k8s.io/json, case-sensitive, into the
 * Go structs): wrong JSON types, bad quantities, times and base64 become 400 errors with Go's texts;
 * unknown fields are reported in the server's path form (`spec.containers[0].imagee`) and dropped,
 * as the Go structs have nowhere to keep them. Values come out as Go would re-encode them:
 * quantities and times canonical, base64 re-encoded, nulls gone.
 */
import { decodeBase64, encodeBase64, CorruptInputError } from '../../kube/base64.ts';
import { deepClone } from '../../kube/objects.ts';
import { formatQuantity, parseQuantity, QuantityParseError } from '../../kube/quantity.ts';
import { goNumber } from './fieldErrors.ts';
import { normalizeGoTime, RFC3339, RFC3339Micro, TimeParseError } from './goTime.ts';
import { goTypeOfStruct, type Shape, type StructShape } from './shapes.ts';

/** An error that stops decoding at once (an UnmarshalJSON failure in Go). */
class AbortDecode extends Error {}

interface Context {
  /** Name of the innermost Go struct being decoded. */
  structName: string;
  /**
   * Where decoding is, outermost first: struct field and map key names, and slice indexes. Kept
   * as a stack (pushed and popped, never copied) and read only to word an error, because
   * decoding is on every write's path and most writes have no error.
   */
  path: (string | number)[];
  /** Per entry of `path`: whether it is a struct field (the only kind Go's type errors name). */
  isField: boolean[];
  unknown: string[];
  typeError?: string;
}

/** The JSON field names of the structs leading here, as Go's type errors name them. */
function fieldStack(ctx: Context): string[] {
  return ctx.path.filter((_, i) => ctx.isField[i]) as string[];
}

/** The strict-error path: fields and keys joined with `.`, indices as `[i]`, then `key`. */
function strictPath(ctx: Context, key?: string): string {
  let out = '';
  for (const part of ctx.path)
    out = typeof part === 'number' ? `${out}[${part}]` : withKey(out, part);
  return key === undefined ? out : withKey(out, key);
}

function enter(ctx: Context, part: string | number, isField: boolean): void {
  ctx.path.push(part);
  ctx.isField.push(isField);
}

function leave(ctx: Context): void {
  ctx.path.pop();
  ctx.isField.pop();
}

export interface DecodeResult<T> {
  /** The decoded value, unknown fields and nulls removed, special types normalized. */
  value: T;
  /** The first type error, as Go reports it; decoding went on, but the request fails with it. */
  error?: string;
  /** Unknown field paths in document order, deduplicated, at most 100 (as sigs.k8s.io/json). */
  unknownFields: string[];
}

const jsonKind = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'boolean'
        ? 'bool'
        : typeof v === 'object'
          ? 'object'
          : typeof v;

function typeErrorText(value: string, goType: string, ctx: Context): string {
  const fields = fieldStack(ctx);
  if (ctx.structName || fields.length > 0) {
    return `json: cannot unmarshal ${value} into Go struct field ${ctx.structName}.${fields.join('.')} of type ${goType}`;
  }
  return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
}

function saveTypeError(ctx: Context, value: string, goType: string): void {
  ctx.typeError ??= typeErrorText(value, goType, ctx);
}

const withKey = (path: string, key: string) => (path ? `${path}.${key}` : key);

function zeroOf(shape: Shape): unknown {
  switch (shape.k) {
    case 'struct':
      return {};
    case 'string':
      return '';
    case 'int':
    case 'float64':
      return 0;
    case 'bool':
      return false;
    case 'quantity':
      return '0';
    default:
      return null;
  }
}

function decodeStruct(
  v: Record<string, unknown>,
  shape: StructShape,
  ctx: Context,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const { structName } = ctx;
  for (const key of Object.keys(v)) {
    const field = shape.fields.get(key);
    if (!field) {
      if (ctx.unknown.length < 100) {
        const path = strictPath(ctx, key);
        if (!ctx.unknown.includes(path)) ctx.unknown.push(path);
      }
      continue;
    }
    const raw = v[key];
    if (raw === null || raw === undefined) continue;
    ctx.structName = shape.goName;
    enter(ctx, key, true);
    const decoded = decodeValue(raw, field.shape, ctx);
    leave(ctx);
    if (decoded !== undefined) out[key] = decoded;
  }
  ctx.structName = structName;
  return out;
}

function decodeInt(
  v: number,
  shape: Extract<Shape, { k: 'int' }>,
  ctx: Context,
): number | undefined {
  const limit = shape.bits === 32 ? 2 ** 31 : 2 ** 63;
  if (!Number.isInteger(v) || v < -limit || v >= limit) {
    saveTypeError(ctx, `number ${goNumber(v)}`, shape.go);
    return undefined;
  }
  return v;
}

function decodeValue(v: unknown, shape: Shape, ctx: Context): unknown {
  const kind = jsonKind(v);
  switch (shape.k) {
    case 'struct':
      if (kind !== 'object')
        return saveTypeError(ctx, kind === 'number' ? 'number' : kind, goTypeOfStruct(shape));
      return decodeStruct(v as Record<string, unknown>, shape, ctx);
    case 'slice': {
      if (kind !== 'array') return saveTypeError(ctx, kind, shape.go);
      const items = v as unknown[];
      const out = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (item === null || item === undefined) {
          out[i] = zeroOf(shape.elem);
          continue;
        }
        enter(ctx, i, false);
        const decoded = decodeValue(item, shape.elem, ctx);
        leave(ctx);
        out[i] = decoded === undefined ? zeroOf(shape.elem) : decoded;
      }
      return out;
    }
    case 'map': {
      if (kind !== 'object') return saveTypeError(ctx, kind, shape.go);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
        if (item === null || item === undefined) {
          out[key] = zeroOf(shape.elem);
          continue;
        }
        enter(ctx, key, false);
        const decoded = decodeValue(item, shape.elem, ctx);
        leave(ctx);
        out[key] = decoded === undefined ? zeroOf(shape.elem) : decoded;
      }
      return out;
    }
    case 'string':
      if (kind !== 'string') return saveTypeError(ctx, kind, shape.go);
      return v;
    case 'bool':
      if (kind !== 'bool') return saveTypeError(ctx, kind, shape.go);
      return v;
    case 'float64':
      if (kind !== 'number') return saveTypeError(ctx, kind, shape.go);
      return v;
    case 'int':
      if (kind !== 'number') return saveTypeError(ctx, kind, shape.go);
      return decodeInt(v as number, shape, ctx);
    case 'quantity': {
      // Quantity.UnmarshalJSON parses the raw JSON text, quotes stripped.
      const text =
        kind === 'string'
          ? (v as string).trim()
          : kind === 'number'
            ? goNumber(v as number)
            : JSON.stringify(v);
      try {
        return formatQuantity(parseQuantity(text));
      } catch (e) {
        if (e instanceof QuantityParseError) throw new AbortDecode(e.message);
        throw e;
      }
    }
    case 'intstr':
      if (kind === 'string') return v;
      if (
        kind === 'number' &&
        Number.isInteger(v) &&
        (v as number) >= -(2 ** 31) &&
        (v as number) < 2 ** 31
      )
        return v;
      // IntOrString.UnmarshalJSON hands non-strings to json.Unmarshal into an int32.
      throw new AbortDecode(
        typeErrorText(kind === 'number' ? `number ${goNumber(v as number)}` : kind, 'int32', ctx),
      );
    case 'time':
    case 'microtime': {
      if (kind !== 'string') throw new AbortDecode(typeErrorText(kind, 'string', ctx));
      const layout = shape.k === 'time' ? RFC3339 : RFC3339Micro;
      try {
        return normalizeGoTime(layout, v as string);
      } catch (e) {
        if (e instanceof TimeParseError) throw new AbortDecode(e.message);
        throw e;
      }
    }
    case 'bytes':
      return decodeBytes(v, kind, shape.go, ctx);
    case 'raw':
      // A copy: what decoding returns shares nothing with the request (the server stores it).
      return deepClone(v);
  }
}

function decodeBytes(v: unknown, kind: string, go: string, ctx: Context): string | undefined {
  if (kind === 'string') {
    try {
      return encodeBase64(decodeBase64(v as string));
    } catch (e) {
      if (e instanceof CorruptInputError) {
        ctx.typeError ??= e.message;
        return undefined;
      }
      throw e;
    }
  }
  if (kind === 'array') {
    // encoding/json decodes a JSON array of numbers into []byte element by element.
    const bytes: number[] = [];
    for (const item of v as unknown[]) {
      if (typeof item !== 'number') {
        saveTypeError(ctx, jsonKind(item), 'uint8');
        bytes.push(0);
      } else if (!Number.isInteger(item) || item < 0 || item > 255) {
        saveTypeError(ctx, `number ${goNumber(item)}`, 'uint8');
        bytes.push(0);
      } else {
        bytes.push(item);
      }
    }
    return encodeBase64(Uint8Array.from(bytes));
  }
  saveTypeError(ctx, kind, go);
  return undefined;
}

/**
 * Decodes a JSON value (already parsed) into the Go shape of a type.
 * @param goType the Go type of the root, as messages print it (`v1.Pod`)
 */
export function decode<T = Record<string, unknown>>(
  value: unknown,
  shape: StructShape,
): DecodeResult<T> {
  const ctx: Context = { structName: '', path: [], isField: [], unknown: [] };
  try {
    const decoded = decodeValue(value, shape, ctx);
    const result: DecodeResult<T> = { value: (decoded ?? {}) as T, unknownFields: ctx.unknown };
    if (ctx.typeError !== undefined) result.error = ctx.typeError;
    return result;
  } catch (e) {
    if (e instanceof AbortDecode)
      return { value: {} as T, error: e.message, unknownFields: ctx.unknown };
    throw e;
  }
}

/** Go's isEmptyValue for omitempty: zero scalars, nil pointers, empty slices, maps and strings. */
function isEmpty(v: unknown, shape: Shape, pointer: boolean): boolean {
  if (v === undefined || v === null) return true;
  if (pointer) return false;
  switch (shape.k) {
    case 'string':
    case 'bytes':
      return v === '';
    case 'int':
    case 'float64':
      return v === 0;
    case 'bool':
      return v === false;
    case 'slice':
      return (v as unknown[]).length === 0;
    case 'map':
      return Object.keys(v as object).length === 0;
    default:
      return false; // structs (and Quantity, Time, IntOrString) are never empty to encoding/json
  }
}

function encodeValue(v: unknown, shape: Shape): unknown {
  if (v === undefined || v === null)
    return shape.k === 'struct' ? encodeStruct({}, shape) : zeroEncoded(shape);
  // A frozen value is part of a stored object, which was encoded when it was stored: encoding is
  // idempotent, so it is its own encoding (a status write shares the pod's spec this way).
  if (typeof v === 'object' && Object.isFrozen(v)) return v;
  switch (shape.k) {
    case 'struct':
      return encodeStruct(v as Record<string, unknown>, shape);
    case 'slice':
      return encodeSlice(v as unknown[], shape.elem);
    case 'map':
      return encodeMap(v as Record<string, unknown>, shape.elem);
    default:
      return v;
  }
}

/** The slice itself when every item is its own encoding (nothing to copy), else a new one. */
function encodeSlice(items: unknown[], elem: Shape): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const encoded = encodeValue(item, elem);
    if (out) out[i] = encoded;
    else if (encoded !== item) {
      out = items.slice(0, i);
      out[i] = encoded;
    }
  }
  return out ?? items;
}

/** Keys sorted, as encoding/json writes maps; the map itself when it is so already. */
function encodeMap(v: Record<string, unknown>, elem: Shape): Record<string, unknown> {
  const keys = Object.keys(v);
  let same = true;
  for (let i = 1; i < keys.length && same; i++) same = keys[i - 1]! < keys[i]!;
  if (same) {
    for (const key of keys) {
      const value = v[key];
      if (encodeValue(value, elem) !== value) {
        same = false;
        break;
      }
    }
    if (same) return v;
  }
  const out: Record<string, unknown> = {};
  for (const key of keys.sort()) out[key] = encodeValue(v[key], elem);
  return out;
}

/** What encoding/json writes for a missing value of a field without omitempty. */
function zeroEncoded(shape: Shape): unknown {
  switch (shape.k) {
    case 'string':
      return '';
    case 'int':
    case 'float64':
    case 'intstr':
      return 0;
    case 'bool':
      return false;
    case 'quantity':
      return '0';
    default:
      return null; // nil slices, maps, pointers, []byte and zero times encode as null
  }
}

/**
 * Field indexes of the structs being encoded, as a stack: each call uses the slots above those of
 * the calls it is nested in (no array per struct: encoding is on every write's path).
 */
let scratch = new Int32Array(1024);
let scratchTop = 0;

function encodeStruct(v: Record<string, unknown>, shape: StructShape): Record<string, unknown> {
  // Only the fields present, plus those Go always writes, in the struct's order: objects carry
  // a few of their type's many fields, so this is much cheaper than walking the whole type.
  const base = scratchTop;
  const need = base + shape.order.length;
  if (need > scratch.length) {
    const grown = new Int32Array(Math.max(need, scratch.length * 2));
    grown.set(scratch);
    scratch = grown;
  }
  let n = 0;
  let sorted = true;
  let last = -1;
  let keys = 0;
  for (const key in v) {
    keys++;
    const field = shape.fields.get(key);
    if (!field) continue;
    scratch[base + n++] = field.index;
    if (field.index < last) sorted = false;
    last = field.index;
  }
  // The object is its own encoding when it has only its struct's fields, in order, none to
  // drop or add, and each value is its own encoding: then nothing is copied. The objects
  // given here are the server's own (decoded from the request, or built by it), never a caller's.
  let same = sorted && n === keys;
  for (const field of shape.alwaysEncoded) {
    if (field.json in v) continue;
    same = false;
    scratch[base + n++] = field.index;
    if (field.index < last) sorted = false;
    last = field.index;
  }
  if (!sorted) {
    // Insertion sort: a struct has a handful of fields, mostly in order already.
    for (let i = base + 1; i < base + n; i++) {
      const x = scratch[i]!;
      let j = i - 1;
      while (j >= base && scratch[j]! > x) {
        scratch[j + 1] = scratch[j]!;
        j--;
      }
      scratch[j + 1] = x;
    }
  }
  scratchTop = base + n;
  let out: Record<string, unknown> | undefined = same ? undefined : {};
  try {
    for (let i = base; i < base + n; i++) {
      const field = shape.order[scratch[i]!]!;
      const value = v[field.json];
      let encoded: unknown;
      let keep = true;
      if (value === undefined || value === null) {
        if (field.always) encoded = field.pointer ? null : encodeValue(value, field.shape);
        else keep = false;
      } else if (field.always || !isEmpty(value, field.shape, field.pointer)) {
        encoded = encodeValue(value, field.shape);
      } else keep = false;
      if (!out) {
        if (keep && encoded === value) continue;
        // The first difference: the fields before it were kept as they are.
        out = {};
        for (let j = base; j < i; j++) {
          const before = shape.order[scratch[j]!]!.json;
          out[before] = v[before];
        }
      }
      if (keep) out[field.json] = encoded;
    }
  } finally {
    scratchTop = base;
  }
  return out ?? v;
}

/**
 * The object as a Go API server serializes it: fields in Go struct order, `omitempty` fields with
 * zero values left out, fields without it always present (`resources: {}`, `ready: false`,
 * `eventTime: null`), map keys sorted. Idempotent.
 */
export function goEncode<T>(value: T, shape: StructShape): T {
  return encodeStruct(value as Record<string, unknown>, shape) as T;
}
