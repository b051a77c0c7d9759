/**
 * The API server's admission pipeline as pure functions, per resource, in the order a v1.33 server
 * runs them:
 *
 *   strictDecode → applyDefaults → admitCreate → prepareForCreate → (store: name, uid, timestamps)
 *   → validateCreate → canonicalize → encodeObject
 *
 * and for updates strictDecode → applyDefaults → admitUpdate → prepareForUpdate → validateUpdate →
 * canonicalize → encodeObject. `createPipeline` / `updatePipeline` run the whole chain, and
 * `createKubernetesAdmission` (port.ts) fits it behind the server's `Admission` port.
 *
 * @example
 * const decoded = strictDecode('pods', body, 'Strict');
 * if (decoded.status) throw new ApiError(decoded.status);
 * const pod = decoded.object!;
 * applyDefaults('pods', pod);
 * const rejected = admitCreate('pods', pod, ctx) ?? (prepareForCreate('pods', pod, ctx), validateCreate('pods', pod));
 */
import type { ObjectMeta, ResourceName, Status } from '../../kube/types.ts';
import { isObj, obj, str, type Obj } from './access.ts';
import {
  admitCreate,
  admitUpdate,
  prepareForCreate,
  prepareForUpdate,
  type AdmissionContext,
} from './admit.ts';
import { decode, goEncode } from './decode.ts';
import { applyDefaults } from './defaults.ts';
import { aggregateMessage, type FieldError } from './fieldErrors.ts';
import { goTypeOfStruct, resourceShape, structShape, type StructShape } from './shapes.ts';
import { badRequestStatus, invalidStatus, unknownErrorStatus, type GroupKind } from './status.ts';
import { validatePodCreate } from './validatePod.ts';
import { validatePodStatusUpdate, validatePodUpdate } from './validatePodUpdate.ts';
import * as other from './validateOther.ts';
import {
  nameIsPathSegment,
  validateGenericObjectMeta,
  validateGenericObjectMetaUpdate,
  validateObjectMetaUpdate,
} from './validateMeta.ts';
import { warningsOnCreate } from './warnings.ts';

export type { AdmissionContext } from './admit.ts';
export {
  admitCreate,
  admitUpdate,
  prepareForCreate,
  prepareForUpdate,
  randomNameSuffix,
} from './admit.ts';
export { applyDefaults } from './defaults.ts';
export type { CauseType, FieldError } from './fieldErrors.ts';
export { errorBody, errorString, aggregateMessage } from './fieldErrors.ts';
export {
  badRequestStatus,
  forbiddenStatus,
  invalidStatus,
  qualifiedKind,
  unknownErrorStatus,
} from './status.ts';
export type { GroupKind } from './status.ts';
export { warningsOnCreate } from './warnings.ts';

/** The `fieldValidation` query parameter: what to do with unknown fields. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const groupKinds: Record<ResourceName, GroupKind & { version: string }> = {
  pods: { group: '', kind: 'Pod', version: 'v1' },
  nodes: { group: '', kind: 'Node', version: 'v1' },
  namespaces: { group: '', kind: 'Namespace', version: 'v1' },
  configmaps: { group: '', kind: 'ConfigMap', version: 'v1' },
  secrets: { group: '', kind: 'Secret', version: 'v1' },
  events: { group: '', kind: 'Event', version: 'v1' },
  serviceaccounts: { group: '', kind: 'ServiceAccount', version: 'v1' },
  leases: { group: 'coordination.k8s.io', kind: 'Lease', version: 'v1' },
};

export interface DecodeOutcome<T = Obj> {
  /** The decoded object (unknown fields dropped, values normalized) unless decoding failed. */
  object?: T;
  /** The 400 Status when the body cannot be decoded (or has unknown fields under Strict). */
  status?: Status;
  /** Warning headers: one `unknown field "..."` per unknown field under Warn. */
  warnings: string[];
}

/**
 * Decodes a request body as the API server does under `fieldValidation=mode`: wrong JSON types,
 * bad quantities, times or base64 are 400s with Go's messages; unknown fields are a 400 (Strict),
 * warnings (Warn) or ignored (Ignore), and are dropped from the result in every mode.
 */
export function strictDecode<R extends ResourceName>(
  resource: R,
  body: unknown,
  mode: FieldValidation,
): DecodeOutcome {
  return decodeAs(groupKinds[resource], resourceShape(resource), body, mode);
}

/** strictDecode for a pods/binding request body (a v1 Binding). */
export function strictDecodeBinding(body: unknown, mode: FieldValidation): DecodeOutcome {
  return decodeAs(
    { group: '', kind: 'Binding', version: 'v1' },
    structShape('io.k8s.api.core.v1.Binding'),
    body,
    mode,
  );
}

function decodeAs(
  gk: GroupKind & { version: string },
  shape: StructShape,
  body: unknown,
  mode: FieldValidation,
): DecodeOutcome {
  const result = decode<Obj>(body, shape);
  if (result.error !== undefined) return { status: cannotHandle(gk, result.error), warnings: [] };
  const messages = result.unknownFields.map((path) => `unknown field ${JSON.stringify(path)}`);
  if (messages.length > 0 && mode === 'Strict') {
    const why = `strict decoding error: ${messages.join(', ')}`;
    return { status: cannotHandle(gk, why), warnings: [] };
  }
  return { object: result.value, warnings: mode === 'Warn' ? messages : [] };
}

/** The 400 of a body the decoder refused. */
const cannotHandle = (gk: GroupKind & { version: string }, why: string): Status =>
  badRequestStatus(
    `${gk.kind} in version ${JSON.stringify(gk.version)} cannot be handled as a ${gk.kind}: ${why}`,
  );

/** Unknown field paths of an object, in the server's form (`spec.containers[0].imagee`). */
export function unknownFields(resource: ResourceName, body: unknown): string[] {
  return decode(body, resourceShape(resource)).unknownFields;
}

/** The Go type of a resource's root, as decode errors name it (`v1.Pod`). */
export const goTypeOf = (resource: ResourceName): string => goTypeOfStruct(resourceShape(resource));

const nameOf = (o: Obj): string => str(obj(o, 'metadata'), 'name');
const invalid = (resource: ResourceName, o: Obj, errors: FieldError[]): Status | undefined =>
  errors.length > 0 ? invalidStatus(groupKinds[resource], nameOf(o), errors) : undefined;

const clusterScoped = new Set<ResourceName>(['nodes', 'namespaces']);
const metaOf = (o: Obj) => o.metadata as ObjectMeta | undefined;

/** The strategy's Validate for a create. */
function strategyCreateErrors(resource: ResourceName, o: Obj): FieldError[] {
  switch (resource) {
    case 'pods':
      return validatePodCreate(o);
    case 'configmaps':
      return other.validateConfigMap(o);
    case 'secrets':
      return other.validateSecret(o);
    case 'namespaces':
      return other.validateNamespace(o);
    case 'serviceaccounts':
      return other.validateServiceAccount(o);
    case 'nodes':
      return other.validateNode(o);
    case 'events':
      return other.validateEvent(o);
    case 'leases':
      return other.validateLease(o);
  }
}

/**
 * The field errors of a create, as rest.BeforeCreate finds them: the strategy's Validate, then (only
 * if that passed) the generic ObjectMeta checks every kind gets, which is what rejects an Event
 * without a name.
 */
export function createErrors(resource: ResourceName, o: Obj): FieldError[] {
  const errors = strategyCreateErrors(resource, o);
  if (errors.length > 0) return errors;
  return validateGenericObjectMeta(metaOf(o), !clusterScoped.has(resource), nameIsPathSegment);
}

/** Validation of a create: undefined, or the 422 Invalid Status with every cause. */
export function validateCreate(resource: ResourceName, o: Obj): Status | undefined {
  return invalid(resource, o, createErrors(resource, o));
}

/** The strategy's ValidateUpdate (or ValidateStatusUpdate for `subresource` 'status'). */
function strategyUpdateErrors(
  resource: ResourceName,
  next: Obj,
  old: Obj,
  subresource?: string,
): FieldError[] {
  switch (resource) {
    case 'pods':
      return subresource === 'status'
        ? validatePodStatusUpdate(next, old)
        : validatePodUpdate(next, old);
    case 'configmaps':
      return other.validateConfigMapUpdate(next, old);
    case 'secrets':
      return other.validateSecretUpdate(next, old);
    case 'namespaces':
      return subresource === 'status'
        ? other.validateNamespaceStatusUpdate(next, old)
        : validateObjectMetaUpdate(metaOf(next), metaOf(old));
    case 'serviceaccounts':
      return [
        ...validateObjectMetaUpdate(metaOf(next), metaOf(old)),
        ...other.validateServiceAccount(next),
      ];
    case 'nodes':
      return other.validateNodeUpdate(next, old);
    case 'events':
      return other.validateEvent(next); // legacy v1 events: no ObjectMeta rules of their own
    case 'leases':
      return other.validateLeaseUpdate(next, old);
  }
}

/**
 * The field errors of an update, as rest.BeforeUpdate collects them: the generic ObjectMeta checks
 * and update rules every kind gets, then the strategy's. Like Kubernetes, a metadata error both
 * find is listed twice among the causes (and once in the message).
 */
export function updateErrors(
  resource: ResourceName,
  next: Obj,
  old: Obj,
  subresource?: string,
): FieldError[] {
  return [
    ...validateGenericObjectMeta(metaOf(next), !clusterScoped.has(resource), nameIsPathSegment),
    ...validateGenericObjectMetaUpdate(metaOf(next), metaOf(old)),
    ...strategyUpdateErrors(resource, next, old, subresource),
  ];
}

/** Validation of an update: undefined, or the 422 Invalid Status. */
export function validateUpdate(
  resource: ResourceName,
  next: Obj,
  old: Obj,
  subresource?: string,
): Status | undefined {
  return invalid(resource, next, updateErrors(resource, next, old, subresource));
}

/**
 * Validation of a pods/binding request body as BindingREST.Create does it. `podName` is the pod of
 * the URL: a Binding naming another is a 400. ValidatePodBinding's errors are returned as a plain
 * aggregate error there, so they reach the client as a 500 without reason, not a 422.
 */
export function validateBinding(binding: Obj, podName?: string): Status | undefined {
  if (podName !== undefined && podName !== nameOf(binding))
    return badRequestStatus('name in URL does not match name in Binding object');
  const errors = other.validateBinding(binding);
  return errors.length > 0 ? unknownErrorStatus(aggregateMessage(errors)) : undefined;
}

/** The strategies' Canonicalize: a namespace always carries its name label, even a generated one. */
export function canonicalize(resource: ResourceName, o: Obj): void {
  if (resource !== 'namespaces') return;
  const meta = obj(o, 'metadata') ?? (o.metadata = {} as Obj);
  const labels = isObj(meta.labels) ? meta.labels : (meta.labels = {} as Obj);
  (labels as Obj)['kubernetes.io/metadata.name'] = str(meta, 'name');
}

/** The object as a Go server serializes it: Go field order, omitempty, `resources: {}`, sorted maps. */
export function encodeObject<T>(resource: ResourceName, o: T): T {
  let input = o as Obj;
  const spec = obj(input, 'spec');
  if (resource === 'pods' && spec) {
    // The internal → v1 conversion writes the deprecated alias of serviceAccountName back.
    input = {
      ...input,
      spec: { ...spec, serviceAccount: str(spec, 'serviceAccountName') || undefined },
    };
  }
  return goEncode(input, resourceShape(resource)) as T;
}

export interface PipelineOptions {
  fieldValidation: FieldValidation;
  /** Runs after admission and before validation: where the store assigns name, uid, timestamps. */
  beforeValidate?(object: Obj): void;
  subresource?: string;
}

export interface PipelineResult {
  object?: Obj;
  status?: Status;
  warnings: string[];
}

/** The whole create path for a request body: decode, default, admit, prepare, validate, encode. */
export function createPipeline(
  resource: ResourceName,
  body: unknown,
  ctx: AdmissionContext,
  options: PipelineOptions,
): PipelineResult {
  const decoded = strictDecode(resource, body, options.fieldValidation);
  if (decoded.status) return { status: decoded.status, warnings: decoded.warnings };
  const o = decoded.object!;
  applyDefaults(resource, o);
  const rejected = admitCreate(resource, o, ctx);
  if (rejected) return { status: rejected, warnings: decoded.warnings };
  prepareForCreate(resource, o, ctx);
  options.beforeValidate?.(o);
  const status = validateCreate(resource, o);
  if (status) return { status, warnings: decoded.warnings };
  canonicalize(resource, o);
  return {
    object: encodeObject(resource, o),
    warnings: [...decoded.warnings, ...warningsOnCreate(resource, o)],
  };
}

/** The whole update path for a request body against the stored object. */
export function updatePipeline(
  resource: ResourceName,
  body: unknown,
  stored: Obj,
  options: PipelineOptions,
): PipelineResult {
  const decoded = strictDecode(resource, body, options.fieldValidation);
  if (decoded.status) return { status: decoded.status, warnings: decoded.warnings };
  const o = decoded.object!;
  applyDefaults(resource, o);
  const rejected = admitUpdate(resource, o, stored, options.subresource);
  if (rejected) return { status: rejected, warnings: decoded.warnings };
  prepareForUpdate(resource, o, stored, options.subresource);
  options.beforeValidate?.(o);
  const status = validateUpdate(resource, o, stored, options.subresource);
  if (status) return { status, warnings: decoded.warnings };
  canonicalize(resource, o);
  return { object: encodeObject(resource, o), warnings: decoded.warnings };
}
