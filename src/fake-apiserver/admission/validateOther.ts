/**
 * Validation of the other served kinds (k8s.io/kubernetes pkg/apis/core/validation and
 * pkg/apis/coordination/validation, v1.33): ConfigMap, Secret, Namespace, ServiceAccount, Node, Event,
 * Lease and the pods/binding subresource.
 */
import { decodeBase64, utf8Decode } from '../../kube/base64.ts';
import { parseQuantity } from '../../kube/quantity.ts';
import type { ObjectMeta } from '../../kube/types.ts';
import { isObj, list, obj, optNum, optStr, str, type Obj } from './access.ts';
import * as fe from './fieldErrors.ts';
import type { FieldError } from './fieldErrors.ts';
import { goJsonObjectError } from './goJsonSyntax.ts';
import { validateQuantityValue } from './validateContainers.ts';
import {
  byteLength,
  isConfigMapKey,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
} from './names.ts';
import {
  validateGenericObjectMeta,
  validateGenericObjectMetaUpdate,
  validateKubeFinalizerName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './validateMeta.ts';

/** core.MaxSecretSize: the 1 MiB limit on ConfigMap and Secret payloads. */
export const maxSecretSize = 1024 * 1024;

const meta = (o: Obj) => o.metadata as ObjectMeta | undefined;

export function validateConfigMap(cm: Obj): FieldError[] {
  const errs = validateObjectMeta(meta(cm), true, nameIsDNSSubdomain);
  const data = isObj(cm.data) ? (cm.data as Record<string, string>) : {};
  const binary = isObj(cm.binaryData) ? (cm.binaryData as Record<string, string>) : {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const m of isConfigMapKey(key)) errs.push(fe.invalid(`data[${key}]`, key, m));
    if (key in binary)
      errs.push(fe.invalid(`data[${key}]`, key, 'duplicate of key present in binaryData'));
    total += byteLength(String(value));
  }
  for (const [key, value] of Object.entries(binary)) {
    for (const m of isConfigMapKey(key)) errs.push(fe.invalid(`binaryData[${key}]`, key, m));
    total += decodedLength(value);
  }
  if (total > maxSecretSize) errs.push(fe.tooLong('', maxSecretSize));
  return errs;
}

function decodedLength(b64: unknown): number {
  try {
    return decodeBase64(String(b64)).length;
  } catch {
    return 0;
  }
}

const immutableNote = 'field is immutable when `immutable` is set';

export function validateConfigMapUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(meta(next), meta(old));
  if (old.immutable === true) {
    if (next.immutable !== true) errs.push(fe.forbidden('immutable', immutableNote));
    if (!sameMap(next.data, old.data, true)) errs.push(fe.forbidden('data', immutableNote));
    if (!sameMap(next.binaryData, old.binaryData))
      errs.push(fe.forbidden('binaryData', immutableNote));
  }
  return [...errs, ...validateConfigMap(next)];
}

/**
 * reflect.DeepEqual of two maps: a nil map differs from an empty one, unless defaulting makes the
 * field non-nil anyway (`nilIsEmpty`, ConfigMap data).
 */
function sameMap(a: unknown, b: unknown, nilIsEmpty = false): boolean {
  if (!nilIsEmpty && (a === undefined) !== (b === undefined)) return false;
  const x = isObj(a) ? a : {};
  const y = isObj(b) ? b : {};
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => k in y && x[k] === y[k]);
}

export function validateSecret(secret: Obj): FieldError[] {
  const errs = validateObjectMeta(meta(secret), true, nameIsDNSSubdomain);
  const data = isObj(secret.data) ? (secret.data as Record<string, string>) : {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    for (const m of isConfigMapKey(key)) errs.push(fe.invalid(`data[${key}]`, key, m));
    total += decodedLength(value);
  }
  if (total > maxSecretSize) errs.push(fe.tooLong('data', maxSecretSize));
  const type = str(secret, 'type');
  const has = (key: string) => key in data;
  const jsonCheck = (key: string) => {
    if (!has(key)) {
      errs.push(fe.required(`data[${key}]`));
      return;
    }
    const text = utf8Decode(decodeBase64(String(data[key])));
    const problem = goJsonObjectError(text);
    if (problem) errs.push(fe.invalid(`data[${key}]`, '<secret contents redacted>', problem));
  };
  switch (type) {
    case 'kubernetes.io/service-account-token':
      if (!meta(secret)?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(fe.required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    case 'kubernetes.io/dockercfg':
      jsonCheck('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      jsonCheck('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(fe.required('data[username]'), fe.required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (decodedLength(data['ssh-privatekey'] ?? '') === 0)
        errs.push(fe.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(fe.required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(fe.required('data[tls.key]'));
      break;
  }
  return errs;
}

export function validateSecretUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(meta(next), meta(old));
  if (str(next, 'type') !== str(old, 'type'))
    errs.push(fe.invalid('type', str(next, 'type'), 'field is immutable'));
  if (old.immutable === true) {
    if (next.immutable !== true) errs.push(fe.forbidden('immutable', immutableNote));
    if (!sameMap(next.data, old.data)) errs.push(fe.forbidden('data', immutableNote));
  }
  return [...errs, ...validateSecret(next)];
}

export function validateNamespace(ns: Obj): FieldError[] {
  const errs = validateObjectMeta(meta(ns), false, nameIsDNSLabel);
  for (const f of strList(obj(ns, 'spec'), 'finalizers')) {
    for (const m of isQualifiedName(f)) errs.push(fe.invalid('spec.finalizers', f, m));
    errs.push(...validateKubeFinalizerName(f, 'spec.finalizers'));
  }
  return errs;
}

function strList(o: Obj | undefined, key: string): string[] {
  return o && Array.isArray(o[key]) ? (o[key] as unknown[]).map(String) : [];
}

export function validateNamespaceStatusUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(meta(next), meta(old));
  const phase = str(obj(next, 'status'), 'phase');
  if (!meta(next)?.deletionTimestamp) {
    if (phase !== 'Active')
      errs.push(
        fe.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty"),
      );
  } else if (phase !== 'Terminating') {
    errs.push(
      fe.invalid(
        'status.Phase',
        phase,
        "may only be 'Terminating' if `deletionTimestamp` is not empty",
      ),
    );
  }
  return errs;
}

export const validateServiceAccount = (sa: Obj): FieldError[] =>
  validateObjectMeta(meta(sa), true, nameIsDNSSubdomain);

const goTaint = (t: Obj) =>
  fe.raw(
    `core.Taint{Key:${fe.goQuote(str(t, 'key'))}, Value:${fe.goQuote(str(t, 'value'))}, Effect:${fe.goQuote(str(t, 'effect'))}, TimeAdded:(*v1.Time)(nil)}`,
  );

/** validateNodeTaints; Kubernetes reports them under `metadata.taints`. */
function validateNodeTaints(taints: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const unique = new Map<string, Set<string>>();
  taints.forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = str(t, 'key');
    const effect = str(t, 'effect');
    for (const m of isQualifiedName(key)) errs.push(fe.invalid(`${p}.key`, key, m));
    const valueErrs = isValidLabelValue(str(t, 'value'));
    if (valueErrs.length > 0)
      errs.push(fe.invalid(`${p}.value`, str(t, 'value'), valueErrs.join(';')));
    if (!effect) errs.push(fe.required(`${p}.effect`));
    else if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      errs.push(
        fe.notSupported(`${p}.effect`, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
      );
    }
    const keys = unique.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      errs.push(fe.duplicate(p, goTaint(t), 'taints must be unique by key and effect pair'));
      return;
    }
    keys.add(key);
    unique.set(effect, keys);
  });
  return errs;
}

function validateNodeResources(node: Obj): FieldError[] {
  const errs: FieldError[] = [];
  for (const kind of ['capacity', 'allocatable']) {
    const resources = obj(obj(node, 'status'), kind) ?? {};
    for (const [name, raw] of Object.entries(resources)) {
      let q;
      try {
        q = parseQuantity(String(raw));
      } catch {
        continue; // decoding rejects invalid quantities
      }
      errs.push(...validateQuantityValue(name, q, `status.${kind}.${name}`));
    }
  }
  return errs;
}

export function validateNode(node: Obj): FieldError[] {
  const errs = validateObjectMeta(meta(node), false, nameIsDNSSubdomain);
  errs.push(...validateNodeTaints(list(obj(node, 'spec'), 'taints'), 'metadata.taints'));
  errs.push(...validateNodeResources(node));
  return errs;
}

export function validateNodeUpdate(next: Obj, old: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(meta(next), meta(old));
  errs.push(...validateNodeResources(next));
  const seen = new Set<string>();
  list(obj(next, 'status'), 'addresses').forEach((a, i) => {
    const key = `${str(a, 'type')}\u0000${str(a, 'address')}`;
    if (seen.has(key)) {
      errs.push(
        fe.duplicate(
          `status.addresses[${i}]`,
          fe.raw(
            `core.NodeAddress{Type:${fe.goQuote(str(a, 'type'))}, Address:${fe.goQuote(str(a, 'address'))}}`,
          ),
        ),
      );
    }
    seen.add(key);
  });
  const oldCIDRs = strList(obj(old, 'spec'), 'podCIDRs');
  const newCIDRs = strList(obj(next, 'spec'), 'podCIDRs');
  if (oldCIDRs.length > 0) {
    const message = 'node updates may not change podCIDR except from "" to valid';
    if (oldCIDRs.length !== newCIDRs.length) errs.push(fe.forbidden('spec.podCIDRs', message));
    else
      oldCIDRs.forEach(
        (c, i) => c !== newCIDRs[i] && errs.push(fe.forbidden('spec.podCIDRs', message)),
      );
  }
  const oldProvider = str(obj(old, 'spec'), 'providerID');
  if (oldProvider && oldProvider !== str(obj(next, 'spec'), 'providerID')) {
    errs.push(
      fe.forbidden(
        'spec.providerID',
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  errs.push(...validateNodeTaints(list(obj(next, 'spec'), 'taints'), 'metadata.taints'));
  if (str(obj(next, 'spec'), 'externalID') !== str(obj(old, 'spec'), 'externalID')) {
    errs.push(fe.forbidden('spec.externalID', 'may not be updated'));
  }
  return errs;
}

/** legacyValidateEvent: core/v1 events get only these checks (no name rules, for compatibility). */
export function validateEvent(event: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = meta(event)?.namespace ?? '';
  const involvedNamespace = str(obj(event, 'involvedObject'), 'namespace');
  if (!event.eventTime) {
    if (!involvedNamespace) {
      if (namespace !== '' && namespace !== 'default')
        errs.push(
          fe.invalid(
            'involvedObject.namespace',
            involvedNamespace,
            'does not match event.namespace',
          ),
        );
    } else if (namespace !== involvedNamespace) {
      errs.push(
        fe.invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'),
      );
    }
  } else {
    if (!involvedNamespace && namespace !== 'default' && namespace !== 'kube-system') {
      errs.push(
        fe.invalid('involvedObject.namespace', involvedNamespace, 'does not match event.namespace'),
      );
    }
    const controller = str(event, 'reportingComponent');
    if (!controller) errs.push(fe.required('reportingComponent'));
    for (const m of isQualifiedName(controller))
      errs.push(fe.invalid('reportingComponent', controller, m));
    const limited = (key: string, limit: number, required: boolean) => {
      const v = str(event, key);
      if (required && !v) errs.push(fe.required(key));
      if (byteLength(v) > limit)
        errs.push(fe.invalid(key, '', `can have at most ${limit} characters`));
    };
    limited('reportingInstance', 128, true);
    limited('action', 128, true);
    limited('reason', 128, true);
    limited('message', 1024, false);
  }
  for (const m of isDNS1123Subdomain(namespace)) errs.push(fe.invalid('namespace', namespace, m));
  return errs;
}

export function validateLease(lease: Obj): FieldError[] {
  // coordination validation uses apimachinery's ObjectMeta rules: no Kubernetes finalizer check.
  const errs = validateGenericObjectMeta(meta(lease), true, nameIsDNSSubdomain);
  const spec = obj(lease, 'spec');
  const duration = optNum(spec, 'leaseDurationSeconds');
  if (duration !== undefined && duration <= 0)
    errs.push(fe.invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
  const transitions = optNum(spec, 'leaseTransitions');
  if (transitions !== undefined && transitions < 0) {
    errs.push(
      fe.invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'),
    );
  }
  const strategy = optStr(spec, 'strategy');
  if (strategy !== undefined && strategy !== 'OldestEmulationVersion') {
    errs.push(fe.notSupported('spec.strategy', strategy, ['OldestEmulationVersion']));
  }
  const preferred = optStr(spec, 'preferredHolder');
  if (preferred && !strategy)
    errs.push(
      fe.forbidden('spec.preferredHolder', 'may only be specified if `strategy` is defined'),
    );
  return errs;
}

export const validateLeaseUpdate = (next: Obj, old: Obj): FieldError[] => [
  ...validateGenericObjectMetaUpdate(meta(next), meta(old)),
  ...validateLease(next).filter((e) => !e.field.startsWith('metadata.')),
];

/** ValidatePodBinding. */
export function validateBinding(binding: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const target = obj(binding, 'target');
  const kind = str(target, 'kind');
  if (kind && kind !== 'Node') errs.push(fe.notSupported('target.kind', kind, ['Node', '<empty>']));
  if (!str(target, 'name')) errs.push(fe.required('target.name'));
  return errs;
}
