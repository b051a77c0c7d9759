/**
 * ObjectMeta validation (k8s.io/apimachinery/pkg/api/validation/objectmeta.go plus the core
 * finalizer rule): names, namespace, labels, annotations, owner references, finalizers, and the
 * fields an update may not change.
 */
import type { ObjectMeta } from '../../kube/types.ts';
import { deepEqual } from '../../kube/objects.ts';
import * as fe from './fieldErrors.ts';
import type { FieldError } from './fieldErrors.ts';
import {
  byteLength,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  type NameValidator,
} from './names.ts';

const fieldImmutable = 'field is immutable';
const totalAnnotationSizeLimitB = 256 * (1 << 10);

/** Label keys are qualified names; values follow the label value rule. Errors name `metadata.labels`. */
export function validateLabels(
  labels: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(fe.invalid(path, k, msg));
    for (const msg of isValidLabelValue(v)) errs.push(fe.invalid(path, v, msg));
  }
  return errs;
}

export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(fe.invalid(path, k, msg));
    total += byteLength(k) + byteLength(v);
  }
  if (total > totalAnnotationSizeLimitB) errs.push(fe.tooLong(path, totalAnnotationSizeLimitB));
  return errs;
}

const standardFinalizers = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** A finalizer without a `/` must be one of the standard names (validateKubeFinalizerName). */
export function validateKubeFinalizerName(name: string, path: string): FieldError[] {
  if (name.split('/').length === 1 && !standardFinalizers.has(name)) {
    return [
      fe.invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified'),
    ];
  }
  return [];
}

function validateOwnerReferences(refs: ObjectMeta['ownerReferences'], path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = ref.apiVersion ?? '';
    const version = apiVersion.includes('/')
      ? apiVersion.slice(apiVersion.indexOf('/') + 1)
      : apiVersion;
    if (!version)
      errs.push(fe.invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
    if (!ref.kind) errs.push(fe.invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(fe.invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(fe.invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (apiVersion === 'v1' && ref.kind === 'Event') {
      errs.push(
        fe.invalid(
          path,
          fe.raw(
            `v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:${fe.goQuote(ref.name ?? '')}}`,
          ),
          '/v1, Kind=Event is disallowed from being an owner',
        ),
      );
    }
    if (ref.controller) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          fe.invalid(
            path,
            fe.raw('[]v1.OwnerReference{...}'),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let orphan = false;
  let foreground = false;
  for (const f of finalizers ?? []) {
    for (const msg of isQualifiedName(f)) errs.push(fe.invalid(path, f, msg));
    if (f === 'orphan') orphan = true;
    if (f === 'foregroundDeletion') foreground = true;
  }
  if (orphan && foreground) {
    errs.push(
      fe.invalid(
        path,
        fe.raw(`[]string{${(finalizers ?? []).map(fe.goQuote).join(', ')}}`),
        'finalizer orphan and foregroundDeletion cannot be both set',
      ),
    );
  }
  return errs;
}

/**
 * apimachinery's ValidateObjectMeta: name or generateName, namespace presence, generation, labels,
 * annotations, owner references, finalizers.
 */
export function validateGenericObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameFn: NameValidator,
  path = 'metadata',
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName)
    for (const msg of nameFn(m.generateName, true))
      errs.push(fe.invalid(`${path}.generateName`, m.generateName, msg));
  if (!m.name) errs.push(fe.required(`${path}.name`, 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(fe.invalid(`${path}.name`, m.name, msg));
  if (namespaced) {
    if (!m.namespace) errs.push(fe.required(`${path}.namespace`));
    else
      for (const msg of nameIsDNSLabel(m.namespace, false))
        errs.push(fe.invalid(`${path}.namespace`, m.namespace, msg));
  } else if (m.namespace) {
    errs.push(fe.forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  if ((m.generation ?? 0) < 0)
    errs.push(
      fe.invalid(`${path}.generation`, m.generation!, 'must be greater than or equal to 0'),
    );
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  return errs;
}

const kubeFinalizerErrors = (finalizers: string[] | undefined, path: string): FieldError[] =>
  (finalizers ?? []).flatMap((f, i) => validateKubeFinalizerName(f, `${path}.finalizers[${i}]`));

/** The core ValidateObjectMeta: the generic checks plus the Kubernetes finalizer name rule. */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameFn: NameValidator,
  path = 'metadata',
): FieldError[] {
  return [
    ...validateGenericObjectMeta(meta, namespaced, nameFn, path),
    ...kubeFinalizerErrors(meta?.finalizers, path),
  ];
}

/** A metav1.Time as Go's %v prints it: `2024-01-02 15:04:05 +0000 UTC`. */
export const goTimeValue = (rfc3339: string): fe.RawValue =>
  fe.raw(rfc3339.replace('T', ' ').replace(/Z$/, ' +0000 UTC'));

function asGoValue(key: keyof ObjectMeta, v: unknown): fe.BadValue {
  if (v === undefined || v === null)
    return key === 'creationTimestamp' ? goTimeValue('0001-01-01T00:00:00Z') : null;
  if (key === 'creationTimestamp' || key === 'deletionTimestamp') return goTimeValue(String(v));
  return typeof v === 'string' || typeof v === 'number' ? v : fe.raw(JSON.stringify(v));
}

/** Metadata an update may not change, in the order Go checks them. */
const IMMUTABLE_META: (keyof ObjectMeta)[] = [
  'name',
  'namespace',
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
/** Of those, the Go strings: absent reads as "". */
const STRING_META = new Set<keyof ObjectMeta>(['name', 'namespace', 'uid']);

/** apimachinery's ValidateObjectMetaUpdate: what an update may not change, then labels and the like. */
export function validateGenericObjectMetaUpdate(
  newMeta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  path = 'metadata',
): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const extra = [...new Set(n.finalizers ?? [])]
      .filter((f) => !(o.finalizers ?? []).includes(f))
      .sort();
    if (extra.length > 0) {
      errs.push(
        fe.forbidden(
          `${path}.finalizers`,
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map(fe.goQuote).join(', ')}}`,
        ),
      );
    }
  }
  if (!n.resourceVersion)
    errs.push(
      fe.invalid(
        `${path}.resourceVersion`,
        n.resourceVersion ?? '',
        'must be specified for an update',
      ),
    );
  if ((n.generation ?? 0) < (o.generation ?? 0))
    errs.push(fe.invalid(`${path}.generation`, n.generation ?? 0, 'must not be decremented'));
  for (const key of IMMUTABLE_META) {
    const a = n[key] ?? (STRING_META.has(key) ? '' : undefined);
    const b = o[key] ?? (STRING_META.has(key) ? '' : undefined);
    if (!deepEqual(a, b))
      errs.push(fe.invalid(`${path}.${key}`, asGoValue(key, a), fieldImmutable));
  }
  errs.push(...validateLabels(n.labels, `${path}.labels`));
  errs.push(...validateAnnotations(n.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(n.ownerReferences, `${path}.ownerReferences`));
  return errs;
}

/** The core ValidateObjectMetaUpdate: the generic rules plus the Kubernetes finalizer name rule. */
export function validateObjectMetaUpdate(
  newMeta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  path = 'metadata',
): FieldError[] {
  return [
    ...validateGenericObjectMetaUpdate(newMeta, oldMeta, path),
    ...kubeFinalizerErrors(newMeta?.finalizers, path),
  ];
}

/** path.IsValidPathSegmentName / Prefix: what every name must be to sit in a URL. */
export const nameIsPathSegment: NameValidator = (name, prefix) => {
  if (!prefix) {
    if (name === '.') return ["may not be '.'"];
    if (name === '..') return ["may not be '..'"];
  }
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
};
