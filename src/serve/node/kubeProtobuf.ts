/**
 * Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`) of the objects serve mode
 * decodes, turned into the JSON object the same Go value marshals to, so the REST handler cannot
 * tell the two apart. A body is the magic `k8s\x00`, then a runtime.Unknown envelope
 * (k8s.io/apimachinery pkg/runtime/generated.proto): typeMeta = 1 {apiVersion = 1, kind = 2},
 * raw = 2 (the object's own message), contentEncoding = 3, contentType = 4.
 *
 * The schemas below carry the field numbers of k8s.io/api core/v1 and authentication/v1 and
 * k8s.io/apimachinery meta/v1 generated.proto at v0.33, in the order the Go structs declare their
 * fields (the order encoding/json writes), and each field's JSON presence as its Go type gives it:
 * - `omitempty`: a non-pointer field tagged omitempty; its zero value ("", 0, false, empty list or
 *   map) is left out. gogo-protobuf writes such fields even when zero, so kubectl's bodies are
 *   full of empty strings that JSON would not have.
 * - `pointer`: a pointer field; on the wire means set (even to a zero value), absent means nil.
 * - `always`: a non-pointer field without omitempty, or a struct (encoding/json never omits a
 *   struct): written even when absent, as its zero value (a zero metav1.Time is `null`, a nil list
 *   `null`).
 * Fields a schema does not list are skipped, as the real protobuf decoder drops them.
 */
import { formatTime } from '../../kube/time.ts';
import {
  ProtobufError,
  readFields,
  WIRE_LEN,
  WIRE_VARINT,
  wireTypeName,
  type WireField,
} from './protobufWire.ts';

export const PROTOBUF_MAGIC = Uint8Array.of(0x6b, 0x38, 0x73, 0x00); // "k8s\0"

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

type Scalar = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'time' | 'fieldsV1';
type FieldType = Scalar | Schema | { map: 'string' | 'bytes' };
type Presence = 'omitempty' | 'pointer' | 'always';

interface FieldSpec {
  no: number;
  name: string;
  type: FieldType;
  presence: Presence;
  repeated: boolean;
}

interface Schema {
  message: string;
  fields: FieldSpec[];
  byNo: Map<number, FieldSpec>;
}

function schema(message: string, fields: FieldSpec[]): Schema {
  return { message, fields, byNo: new Map(fields.map((f) => [f.no, f])) };
}

const field = (
  no: number,
  name: string,
  type: FieldType,
  presence: Presence = 'omitempty',
): FieldSpec => ({ no, name, type, presence, repeated: false });
const list = (
  no: number,
  name: string,
  type: FieldType,
  presence: Presence = 'omitempty',
): FieldSpec => ({ no, name, type, presence, repeated: true });
const stringMap = { map: 'string' } as const;
const bytesMap = { map: 'bytes' } as const;

// k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto

const OwnerReference = schema('OwnerReference', [
  field(5, 'apiVersion', 'string', 'always'),
  field(1, 'kind', 'string', 'always'),
  field(3, 'name', 'string', 'always'),
  field(4, 'uid', 'string', 'always'),
  field(6, 'controller', 'bool', 'pointer'),
  field(7, 'blockOwnerDeletion', 'bool', 'pointer'),
]);

const ManagedFieldsEntry = schema('ManagedFieldsEntry', [
  field(1, 'manager', 'string'),
  field(2, 'operation', 'string'),
  field(3, 'apiVersion', 'string'),
  field(4, 'time', 'time', 'pointer'),
  field(6, 'fieldsType', 'string'),
  field(7, 'fieldsV1', 'fieldsV1', 'pointer'),
  field(8, 'subresource', 'string'),
]);

const ObjectMeta = schema('ObjectMeta', [
  field(1, 'name', 'string'),
  field(2, 'generateName', 'string'),
  field(3, 'namespace', 'string'),
  field(4, 'selfLink', 'string'),
  field(5, 'uid', 'string'),
  field(6, 'resourceVersion', 'string'),
  field(7, 'generation', 'int64'),
  field(8, 'creationTimestamp', 'time', 'always'),
  field(9, 'deletionTimestamp', 'time', 'pointer'),
  field(10, 'deletionGracePeriodSeconds', 'int64', 'pointer'),
  field(11, 'labels', stringMap),
  field(12, 'annotations', stringMap),
  list(13, 'ownerReferences', OwnerReference),
  list(14, 'finalizers', 'string'),
  list(17, 'managedFields', ManagedFieldsEntry),
]);

const Preconditions = schema('Preconditions', [
  field(1, 'uid', 'string', 'pointer'),
  field(2, 'resourceVersion', 'string', 'pointer'),
]);

const DeleteOptions = schema('DeleteOptions', [
  field(1, 'gracePeriodSeconds', 'int64', 'pointer'),
  field(2, 'preconditions', Preconditions, 'pointer'),
  field(3, 'orphanDependents', 'bool', 'pointer'),
  field(4, 'propagationPolicy', 'string', 'pointer'),
  list(5, 'dryRun', 'string'),
  field(6, 'ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', 'pointer'),
]);

// k8s.io/api/core/v1/generated.proto

const ConfigMap = schema('ConfigMap', [
  field(1, 'metadata', ObjectMeta, 'always'),
  field(4, 'immutable', 'bool', 'pointer'),
  field(2, 'data', stringMap),
  field(3, 'binaryData', bytesMap),
]);

const Secret = schema('Secret', [
  field(1, 'metadata', ObjectMeta, 'always'),
  field(5, 'immutable', 'bool', 'pointer'),
  field(2, 'data', bytesMap),
  field(4, 'stringData', stringMap),
  field(3, 'type', 'string'),
]);

const NamespaceCondition = schema('NamespaceCondition', [
  field(1, 'type', 'string', 'always'),
  field(2, 'status', 'string', 'always'),
  field(4, 'lastTransitionTime', 'time', 'always'),
  field(5, 'reason', 'string'),
  field(6, 'message', 'string'),
]);

const Namespace = schema('Namespace', [
  field(1, 'metadata', ObjectMeta, 'always'),
  field(2, 'spec', schema('NamespaceSpec', [list(1, 'finalizers', 'string')]), 'always'),
  field(
    3,
    'status',
    schema('NamespaceStatus', [
      field(1, 'phase', 'string'),
      list(2, 'conditions', NamespaceCondition),
    ]),
    'always',
  ),
]);

const ObjectReference = schema('ObjectReference', [
  field(1, 'kind', 'string'),
  field(2, 'namespace', 'string'),
  field(3, 'name', 'string'),
  field(4, 'uid', 'string'),
  field(5, 'apiVersion', 'string'),
  field(6, 'resourceVersion', 'string'),
  field(7, 'fieldPath', 'string'),
]);

const ServiceAccount = schema('ServiceAccount', [
  field(1, 'metadata', ObjectMeta, 'always'),
  list(2, 'secrets', ObjectReference),
  list(3, 'imagePullSecrets', schema('LocalObjectReference', [field(1, 'name', 'string')])),
  field(4, 'automountServiceAccountToken', 'bool', 'pointer'),
]);

// k8s.io/api/authentication/v1/generated.proto (`kubectl create token`)

const TokenRequest = schema('TokenRequest', [
  field(1, 'metadata', ObjectMeta, 'always'),
  field(
    2,
    'spec',
    schema('TokenRequestSpec', [
      list(1, 'audiences', 'string', 'always'),
      field(4, 'expirationSeconds', 'int64', 'pointer'),
      field(
        3,
        'boundObjectRef',
        schema('BoundObjectReference', [
          field(1, 'kind', 'string'),
          field(2, 'apiVersion', 'string'),
          field(3, 'name', 'string'),
          field(4, 'uid', 'string'),
        ]),
        'pointer',
      ),
    ]),
    'always',
  ),
  field(
    3,
    'status',
    schema('TokenRequestStatus', [
      field(1, 'token', 'string', 'always'),
      field(2, 'expirationTimestamp', 'time', 'always'),
    ]),
    'always',
  ),
]);

/** The objects decoded, by apiVersion and kind. */
const OBJECTS: Record<string, Schema> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Namespace': Namespace,
  'v1/ServiceAccount': ServiceAccount,
  'authentication.k8s.io/v1/TokenRequest': TokenRequest,
};

function schemaFor(apiVersion: string, kind: string): Schema | undefined {
  // DeleteOptions is registered in every group version (and meta.k8s.io/v1).
  if (kind === 'DeleteOptions' && (apiVersion === 'v1' || apiVersion.endsWith('/v1'))) {
    return DeleteOptions;
  }
  return Object.prototype.hasOwnProperty.call(OBJECTS, `${apiVersion}/${kind}`)
    ? OBJECTS[`${apiVersion}/${kind}`]
    : undefined;
}

export interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const utf8 = new TextDecoder('utf-8'); // like Go, invalid sequences become U+FFFD

/** readFields, its errors saying which message the bytes were (offsets count from its start). */
function fieldsOf(bytes: Uint8Array, where: string): WireField[] {
  try {
    return readFields(bytes);
  } catch (e) {
    if (e instanceof ProtobufError) throw new ProtobufError(`${where}: ${e.message}`);
    throw e;
  }
}

function expectWire(f: WireField, want: number, where: string): void {
  if (f.wireType !== want) {
    throw new ProtobufError(
      `${where}: ${wireTypeName(f.wireType)} on the wire, want ${wireTypeName(want)}`,
    );
  }
}

/** The runtime.Unknown envelope of a body that starts with the magic. */
export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length === 0) throw new ProtobufError('empty data');
  if (body.length < PROTOBUF_MAGIC.length || PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufError(
      `provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_MAGIC.join(' ')}]`,
    );
  }
  if (body.length === PROTOBUF_MAGIC.length) throw new ProtobufError('empty body');
  const env: Envelope = {
    apiVersion: '',
    kind: '',
    raw: new Uint8Array(0),
    contentEncoding: '',
    contentType: '',
  };
  for (const f of fieldsOf(body.subarray(PROTOBUF_MAGIC.length), 'Unknown')) {
    if (f.field === 1) {
      for (const t of fieldsOf(lenValue(f, 'Unknown.typeMeta'), 'Unknown.typeMeta')) {
        if (t.field !== 1 && t.field !== 2) continue;
        const name = t.field === 1 ? 'apiVersion' : 'kind';
        env[name] = scalar('string', t, `Unknown.typeMeta.${name}`) as string;
      }
    } else if (f.field === 2) {
      env.raw = lenValue(f, 'Unknown.raw');
    } else if (f.field === 3 || f.field === 4) {
      const name = f.field === 3 ? 'contentEncoding' : 'contentType';
      env[name] = scalar('string', f, `Unknown.${name}`) as string;
    }
  }
  return env;
}

/**
 * The JSON object of a kind this module decodes (`kind` and `apiVersion` first, as TypeMeta is
 * written), or undefined for any other kind. Throws ProtobufError on malformed bytes.
 */
export function decodeObject(
  apiVersion: string,
  kind: string,
  raw: Uint8Array,
): JsonObject | undefined {
  const s = schemaFor(apiVersion, kind);
  if (!s) return undefined;
  return { kind, apiVersion, ...decodeMessage(s, raw, kind) };
}

function decodeMessage(s: Schema, bytes: Uint8Array, where: string): JsonObject {
  const singles = new Map<FieldSpec, Json>();
  const lists = new Map<FieldSpec, Json[]>();
  const maps = new Map<FieldSpec, JsonObject>();
  // An embedded message seen more than once merges, which is decoding its pieces concatenated.
  const pieces = new Map<FieldSpec, Uint8Array[]>();
  for (const f of fieldsOf(bytes, where)) {
    const spec = s.byNo.get(f.field);
    if (!spec) continue; // unknown field: skipped
    const at = `${where}.${spec.name}`;
    const t = spec.type;
    if (typeof t === 'object' && 'map' in t) {
      expectWire(f, WIRE_LEN, at);
      const [k, v] = mapEntry(f.value as Uint8Array, t.map, at);
      // No prototype: a key such as `__proto__` is a key like any other.
      const m = maps.get(spec) ?? (Object.create(null) as JsonObject);
      m[k] = v; // a repeated key: the last one wins
      maps.set(spec, m);
    } else if (spec.repeated) {
      const l = lists.get(spec) ?? [];
      l.push(
        typeof t === 'object'
          ? decodeMessage(t, lenValue(f, at), `${at}[${l.length}]`)
          : scalar(t, f, at),
      );
      lists.set(spec, l);
    } else if (typeof t === 'object') {
      pieces.set(spec, [...(pieces.get(spec) ?? []), lenValue(f, at)]);
    } else {
      singles.set(spec, scalar(t, f, at)); // the last one wins
    }
  }
  for (const [spec, chunks] of pieces) {
    singles.set(
      spec,
      decodeMessage(spec.type as Schema, Buffer.concat(chunks), `${where}.${spec.name}`),
    );
  }

  const out: JsonObject = {};
  for (const spec of s.fields) {
    const t = spec.type;
    const present = singles.has(spec) || lists.has(spec) || maps.has(spec);
    let value: Json | undefined = spec.repeated
      ? lists.get(spec)
      : typeof t === 'object' && 'map' in t
        ? maps.get(spec)
        : singles.get(spec);
    if (spec.presence === 'pointer') {
      if (!present) continue;
    } else if (spec.presence === 'omitempty') {
      if (!present || isZero(value)) continue;
    } else if (!present) {
      value = zeroOf(spec, `${where}.${spec.name}`);
    }
    out[spec.name] = value ?? null;
  }
  return out;
}

function isZero(v: Json | undefined): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return false; // maps and structs; empty maps never reach here (no entries, not present)
}

/** What encoding/json writes for an absent non-omitempty field. */
function zeroOf(spec: FieldSpec, where: string): Json {
  if (spec.repeated) return null;
  const t = spec.type;
  if (typeof t === 'object') return 'map' in t ? null : decodeMessage(t, new Uint8Array(0), where);
  switch (t) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int32':
    case 'int64':
      return 0;
    default:
      return null; // a zero time, nil bytes, nil FieldsV1
  }
}

function lenValue(f: WireField, where: string): Uint8Array {
  expectWire(f, WIRE_LEN, where);
  return f.value as Uint8Array;
}

function scalar(t: Scalar, f: WireField, where: string): Json {
  switch (t) {
    case 'string':
      return utf8.decode(lenValue(f, where));
    case 'bytes':
      return Buffer.from(lenValue(f, where)).toString('base64'); // []byte in JSON: base64
    case 'bool':
      expectWire(f, WIRE_VARINT, where);
      return (f.value as bigint) !== 0n;
    case 'int32':
      expectWire(f, WIRE_VARINT, where);
      return Number(BigInt.asIntN(32, f.value as bigint));
    case 'int64':
      expectWire(f, WIRE_VARINT, where);
      return Number(BigInt.asIntN(64, f.value as bigint));
    case 'time':
      return time(lenValue(f, where), where);
    case 'fieldsV1':
      return fieldsV1(lenValue(f, where), where);
  }
}

/** A map entry, a message {key = 1, value = 2}; an absent key or value is the zero value. */
function mapEntry(bytes: Uint8Array, valueType: 'string' | 'bytes', where: string): [string, Json] {
  let key = '';
  let value: Json = '';
  for (const f of fieldsOf(bytes, `${where} entry`)) {
    if (f.field === 1) key = scalar('string', f, `${where} key`) as string;
    else if (f.field === 2) value = scalar(valueType, f, `${where}[${JSON.stringify(key)}]`);
  }
  return [key, value];
}

/**
 * metav1.Time {seconds = 1, nanos = 2}, in JSON as RFC 3339 in UTC to the second (Time's
 * MarshalJSON drops the fraction), `null` when zero.
 */
function time(bytes: Uint8Array, where: string): Json {
  let seconds = 0n;
  let nanos = 0;
  for (const f of fieldsOf(bytes, where)) {
    if (f.field === 1) {
      expectWire(f, WIRE_VARINT, `${where}.seconds`);
      seconds = BigInt.asIntN(64, f.value as bigint);
    } else if (f.field === 2) {
      expectWire(f, WIRE_VARINT, `${where}.nanos`);
      nanos = Number(BigInt.asIntN(32, f.value as bigint));
    }
  }
  // Both zero is how the zero time travels (Time's Unmarshal turns it back into time.Time{});
  // time.Time{} itself, January 1 of year 1, is zero too.
  if ((seconds === 0n || seconds === -62135596800n) && nanos === 0) return null;
  const ms = Number(seconds) * 1000 + Math.floor(nanos / 1e6);
  const year = new Date(ms).getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) {
    // Where Go's Time.MarshalJSON fails too.
    throw new ProtobufError(`${where}: seconds ${seconds} is outside of the years 0 to 9999`);
  }
  return formatTime(ms);
}

/** metav1.FieldsV1 {Raw = 1}: its raw bytes are JSON, written as they are. */
function fieldsV1(bytes: Uint8Array, where: string): Json {
  let raw: Uint8Array | undefined;
  for (const f of fieldsOf(bytes, where)) if (f.field === 1) raw = lenValue(f, `${where}.Raw`);
  if (!raw || raw.length === 0) return null;
  try {
    return JSON.parse(utf8.decode(raw)) as Json;
  } catch (e) {
    throw new ProtobufError(`${where}: Raw is not JSON: ${(e as Error).message}`);
  }
}
