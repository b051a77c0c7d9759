/**
 * Pod update validation (ValidatePodUpdate and ValidatePodStatusUpdate, k8s.io/kubernetes
 * pkg/apis/core/validation, v1.33): the few mutable spec fields, and the Forbidden error whose message
 * ends with a go-cmp diff of the internal pod specs, as a v1.33 server prints it.
 */
import type { ObjectMeta } from '../../kube/types.ts';
import { deepClone, deepEqual } from '../../kube/objects.ts';
import { isObj, list, obj, optNum, str, type Obj } from './access.ts';
import * as fe from './fieldErrors.ts';
import type { FieldError } from './fieldErrors.ts';
import { goCmpDiff, goEqual } from './goCmp.ts';
import { fromStruct, type GoValue } from './goValue.ts';
import {
  inclusiveRangeError,
  invalidIPMessage,
  isQualifiedName,
  nameIsDNSSubdomain,
  parseIP,
} from './names.ts';
import { validateObjectMetaUpdate } from './validateMeta.ts';
import {
  validatePodAnnotations,
  validatePodMetadataAndSpec,
  validateTolerations,
} from './validatePod.ts';

const MAX_INT32 = 2147483647;

/** The mutable pod spec fields, as the Forbidden message lists them (updatablePodSpecFields). */
export const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(
  next: Obj[],
  old: Obj[],
  path: string,
): { errs: FieldError[]; stop: boolean } {
  if (next.length !== old.length)
    return {
      errs: [fe.forbidden(path, 'pod updates may not add or remove containers')],
      stop: true,
    };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = str(c, 'image');
    if (!image) errs.push(fe.required(`${path}[${i}].image`));
    if (image.trim() !== image)
      errs.push(
        fe.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'),
      );
  });
  return { errs, stop: false };
}

function tolerationWithoutSeconds(t: Obj): Obj {
  return {
    key: str(t, 'key'),
    operator: str(t, 'operator'),
    value: str(t, 'value'),
    effect: str(t, 'effect'),
  };
}

function validateOnlyAddedTolerations(next: Obj[], old: Obj[], path: string): FieldError[] {
  for (const o of old) {
    const want = tolerationWithoutSeconds(o);
    if (!next.some((n) => deepEqual(tolerationWithoutSeconds(n), want))) {
      return [
        fe.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds'),
      ];
    }
  }
  return validateTolerations(next, path);
}

function validateOnlyDeletedSchedulingGates(next: Obj[], old: Obj[], path: string): FieldError[] {
  const oldNames = new Set(old.map((g) => str(g, 'name')));
  const errs: FieldError[] = [];
  next.forEach((g, i) => {
    const name = str(g, 'name');
    if (!oldNames.has(name))
      errs.push(
        fe.forbidden(
          `${path}[${i}].name`,
          `only deletion is allowed, but found new scheduling gate '${name}'`,
        ),
      );
  });
  return errs;
}

const podSpecId = 'io.k8s.api.core.v1.PodSpec';

/** Semantic equality of two specs (nil and empty lists or maps equal, quantities by value). */
function semanticallyEqual(a: GoValue, b: GoValue): boolean {
  const empty = (v: GoValue) =>
    (v.k === 'slice' && (v.elems === null || v.elems.length === 0)) ||
    (v.k === 'map' && (v.entries === null || v.entries.length === 0));
  if ((a.k === 'slice' || a.k === 'map') && a.k === b.k && empty(a) && empty(b)) return true;
  if (
    a.k === 'struct' &&
    b.k === 'struct' &&
    a.quantity === undefined &&
    b.quantity === undefined
  ) {
    return (
      a.fields.length === b.fields.length &&
      a.fields.every((f, i) => semanticallyEqual(f.v, b.fields[i]!.v))
    );
  }
  if (a.k === 'ptr' && b.k === 'ptr' && a.elem && b.elem) return semanticallyEqual(a.elem, b.elem);
  if (a.k === 'slice' && b.k === 'slice' && a.elems && b.elems) {
    return (
      a.elems.length === b.elems.length &&
      a.elems.every((e, i) => semanticallyEqual(e, b.elems![i]!))
    );
  }
  if (a.k === 'map' && b.k === 'map' && a.entries && b.entries) {
    return (
      a.entries.length === b.entries.length &&
      a.entries.every(
        (e, i) => e.key === b.entries![i]!.key && semanticallyEqual(e.v, b.entries![i]!.v),
      )
    );
  }
  return goEqual(a, b);
}

/** ValidatePodUpdate. */
export function validatePodUpdate(newPod: Obj, oldPod: Obj): FieldError[] {
  const newSpec = obj(newPod, 'spec') ?? {};
  const oldSpec = obj(oldPod, 'spec') ?? {};
  const errs = validateObjectMetaUpdate(
    newPod.metadata as ObjectMeta | undefined,
    oldPod.metadata as ObjectMeta | undefined,
  );
  errs.push(...validatePodMetadataAndSpec(newPod));
  errs.push(...validatePodAnnotationUpdates(newPod, oldPod));
  for (const kind of ['containers', 'initContainers']) {
    const { errs: containerErrs, stop } = validateContainerUpdates(
      list(newSpec, kind),
      list(oldSpec, kind),
      `spec.${kind}`,
    );
    errs.push(...containerErrs);
    if (stop) return errs;
  }
  const newDeadline = optNum(newSpec, 'activeDeadlineSeconds');
  const oldDeadline = optNum(oldSpec, 'activeDeadlineSeconds');
  if (newDeadline !== undefined) {
    if (newDeadline < 0 || newDeadline > MAX_INT32) {
      errs.push(
        fe.invalid('spec.activeDeadlineSeconds', newDeadline, inclusiveRangeError(0, MAX_INT32)),
      );
      return errs;
    }
    if (oldDeadline !== undefined && oldDeadline < newDeadline) {
      errs.push(
        fe.invalid(
          'spec.activeDeadlineSeconds',
          newDeadline,
          'must be less than or equal to previous value',
        ),
      );
      return errs;
    }
  } else if (oldDeadline !== undefined) {
    errs.push(
      fe.invalid(
        'spec.activeDeadlineSeconds',
        null,
        'must not update from a positive integer to nil value',
      ),
    );
  }
  errs.push(
    ...validateOnlyAddedTolerations(
      list(newSpec, 'tolerations'),
      list(oldSpec, 'tolerations'),
      'spec.tolerations',
    ),
  );
  errs.push(
    ...validateOnlyDeletedSchedulingGates(
      list(newSpec, 'schedulingGates'),
      list(oldSpec, 'schedulingGates'),
      'spec.schedulingGates',
    ),
  );

  const oldValue = fromStruct(oldSpec, podSpecId);
  if (semanticallyEqual(fromStruct(newSpec, podSpecId), oldValue)) return errs;

  // Munge the mutable fields back to their old values; whatever still differs is forbidden.
  const munged: Obj = deepClone(newSpec);
  for (const kind of ['containers', 'initContainers']) {
    const oldList = list(oldSpec, kind);
    list(munged, kind).forEach((c, i) => {
      if (oldList[i]?.image === undefined) delete c.image;
      else c.image = oldList[i]!.image;
    });
  }
  for (const key of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (oldSpec[key] === undefined) delete munged[key];
    else munged[key] = deepClone(oldSpec[key]);
  }
  const oldGrace = optNum(oldSpec, 'terminationGracePeriodSeconds');
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldGrace;
  if (list(oldSpec, 'schedulingGates').length > 0) {
    const oldSelector = (isObj(oldSpec.nodeSelector) ? oldSpec.nodeSelector : {}) as Record<
      string,
      string
    >;
    const newSelector = (isObj(munged.nodeSelector) ? munged.nodeSelector : {}) as Record<
      string,
      string
    >;
    if (!deepEqual(oldSelector, newSelector)) {
      if (Object.entries(oldSelector).some(([k, v]) => newSelector[k] !== v)) {
        const shown = Object.keys(newSelector)
          .sort()
          .map((k) => `${fe.goQuote(k)}:${fe.goQuote(newSelector[k]!)}`)
          .join(', ');
        errs.push(
          fe.invalid(
            'spec.nodeSelector',
            fe.raw(`map[string]string{${shown}}`),
            'only additions to spec.nodeSelector are allowed (no mutations or deletions)',
          ),
        );
      }
      if (oldSpec.nodeSelector === undefined) delete munged.nodeSelector;
      else munged.nodeSelector = deepClone(oldSpec.nodeSelector);
    }
    const oldAffinity = obj(oldSpec, 'affinity');
    const newAffinity = obj(munged, 'affinity');
    if (!deepEqual(oldAffinity?.nodeAffinity, newAffinity?.nodeAffinity)) {
      if (!newAffinity) munged.affinity = { nodeAffinity: deepClone(oldAffinity?.nodeAffinity) };
      else if (!oldAffinity && !newAffinity.podAffinity && !newAffinity.podAntiAffinity)
        delete munged.affinity;
      else if (oldAffinity?.nodeAffinity === undefined) delete newAffinity.nodeAffinity;
      else newAffinity.nodeAffinity = deepClone(oldAffinity.nodeAffinity);
    }
  }
  const mungedValue = fromStruct(munged, podSpecId);
  if (!semanticallyEqual(mungedValue, oldValue)) {
    const diff = goCmpDiff(oldValue, mungedValue);
    errs.push(
      fe.forbidden(
        'spec',
        `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${diff}`,
      ),
    );
  }
  return errs;
}

const apparmorPrefix = 'container.apparmor.security.beta.kubernetes.io/';
const mirrorKey = 'kubernetes.io/config.mirror';

/** ValidatePodSpecificAnnotationUpdates. */
function validatePodAnnotationUpdates(newPod: Obj, oldPod: Obj): FieldError[] {
  const next = (newPod.metadata as ObjectMeta | undefined)?.annotations ?? {};
  const old = (oldPod.metadata as ObjectMeta | undefined)?.annotations ?? {};
  const path = 'metadata.annotations';
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(old)) {
    if (k in next && next[k] === v) continue;
    if (k.startsWith(apparmorPrefix))
      errs.push(fe.forbidden(`${path}[${k}]`, 'may not remove or update AppArmor annotations'));
    if (k === mirrorKey)
      errs.push(fe.forbidden(`${path}[${k}]`, 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(next)) {
    if (k in old) continue;
    if (k.startsWith(apparmorPrefix))
      errs.push(fe.forbidden(`${path}[${k}]`, 'may not add AppArmor annotations'));
    if (k === mirrorKey)
      errs.push(fe.forbidden(`${path}[${k}]`, 'may not add mirror pod annotation'));
  }
  errs.push(
    ...validatePodAnnotations(
      newPod.metadata as ObjectMeta | undefined,
      obj(newPod, 'spec') ?? {},
      path,
    ),
  );
  return errs;
}

function validateStateTransitions(
  next: Obj[],
  old: Obj[],
  path: string,
  restartPolicy: string,
  restartable: (name: string) => boolean,
): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  old.forEach((o, i) => {
    const terminated = obj(obj(o, 'state'), 'terminated');
    if (!terminated) return;
    if ((optNum(terminated, 'exitCode') ?? 0) !== 0 && restartPolicy === 'OnFailure') return;
    if (restartable(str(o, 'name'))) return;
    for (const n of next) {
      if (str(n, 'name') === str(o, 'name') && !obj(obj(n, 'state'), 'terminated')) {
        errs.push(
          fe.forbidden(`${path}[${i}].state`, 'may not be transitioned to non-terminated state'),
        );
      }
    }
  });
  return errs;
}

/** ValidatePodStatusUpdate. */
export function validatePodStatusUpdate(newPod: Obj, oldPod: Obj): FieldError[] {
  const errs = validateObjectMetaUpdate(
    newPod.metadata as ObjectMeta | undefined,
    oldPod.metadata as ObjectMeta | undefined,
  );
  errs.push(...validatePodAnnotationUpdates(newPod, oldPod));
  const status = obj(newPod, 'status') ?? {};
  const oldStatus = obj(oldPod, 'status') ?? {};
  const systemConditions = new Set(['PodScheduled', 'Ready', 'Initialized']);
  list(status, 'conditions').forEach((c, i) => {
    const type = str(c, 'type');
    if (systemConditions.has(type)) return;
    for (const m of isQualifiedName(type))
      errs.push(fe.invalid(`metadata.conditions[${i}].Type`, type, m));
  });
  if (str(obj(newPod, 'spec'), 'nodeName') !== str(obj(oldPod, 'spec'), 'nodeName')) {
    errs.push(fe.forbidden('status.nodeName', 'may not be changed directly'));
  }
  const nominated = str(status, 'nominatedNodeName');
  if (nominated && nominated !== str(oldStatus, 'nominatedNodeName')) {
    for (const m of nameIsDNSSubdomain(nominated, false))
      errs.push(fe.invalid('status.nominatedNodeName', nominated, m));
  }
  if (str(status, 'qosClass') !== str(oldStatus, 'qosClass')) {
    errs.push(fe.invalid('status.qosClass', str(status, 'qosClass'), 'field is immutable'));
  }
  const oldSpec = obj(oldPod, 'spec') ?? {};
  const restartPolicy = str(oldSpec, 'restartPolicy');
  const sidecars = new Set(
    list(oldSpec, 'initContainers')
      .filter((c) => c.restartPolicy === 'Always')
      .map((c) => str(c, 'name')),
  );
  errs.push(
    ...validateStateTransitions(
      list(status, 'containerStatuses'),
      list(oldStatus, 'containerStatuses'),
      'status.containerStatuses',
      restartPolicy,
      () => false,
    ),
  );
  errs.push(
    ...validateStateTransitions(
      list(status, 'initContainerStatuses'),
      list(oldStatus, 'initContainerStatuses'),
      'status.initContainerStatuses',
      restartPolicy,
      (n) => sidecars.has(n),
    ),
  );
  errs.push(
    ...validateStateTransitions(
      list(status, 'ephemeralContainerStatuses'),
      list(oldStatus, 'ephemeralContainerStatuses'),
      'status.ephemeralContainerStatuses',
      'Never',
      () => false,
    ),
  );
  errs.push(...validateIPs(list(status, 'podIPs'), 'status.podIPs'));
  const hostIPs = list(status, 'hostIPs');
  if (hostIPs.length > 0) {
    if (str(status, 'hostIP') !== str(hostIPs[0], 'ip'))
      errs.push(
        fe.invalid('status.hostIPs[0].ip', str(hostIPs[0], 'ip'), 'must be equal to `hostIP`'),
      );
    errs.push(...validateIPs(hostIPs, 'status.hostIPs'));
  }
  return errs;
}

function validateIPs(ips: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  ips.forEach((ip, i) => {
    if (!parseIP(str(ip, 'ip')))
      errs.push(fe.invalid(`${path}[${i}]`, str(ip, 'ip'), invalidIPMessage));
  });
  if (ips.length > 1) {
    const families = ips.map((ip) => parseIP(str(ip, 'ip')));
    if (ips.length > 2 || families[0] === families[1]) {
      errs.push(
        fe.invalid(
          path,
          fe.raw(
            `[]core.PodIP{${ips.map((ip) => `core.PodIP{IP:${fe.goQuote(str(ip, 'ip'))}}`).join(', ')}}`,
          ),
          'may specify no more than one IP for each IP family',
        ),
      );
    }
    const seen = new Set<string>();
    ips.forEach((ip, i) => {
      if (seen.has(str(ip, 'ip')))
        errs.push(
          fe.duplicate(`${path}[${i}]`, fe.raw(`core.PodIP{IP:${fe.goQuote(str(ip, 'ip'))}}`)),
        );
      seen.add(str(ip, 'ip'));
    });
  }
  return errs;
}
