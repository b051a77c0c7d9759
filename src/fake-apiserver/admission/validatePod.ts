/**
 * Pod validation on create (ValidatePodCreate → validatePodMetadataAndSpec → ValidatePodSpec, k8s.io/
 * kubernetes pkg/apis/core/validation, v1.33 defaults), in Kubernetes' order of checks so the aggregated
 * message lists errors as a real server does.
 */
import type { ObjectMeta } from '../../kube/types.ts';
import {
  bool,
  has,
  isObj,
  list,
  num,
  obj,
  optNum,
  optStr,
  str,
  stringMap,
  strings,
  type Obj,
} from './access.ts';
import * as fe from './fieldErrors.ts';
import type { FieldError } from './fieldErrors.ts';
import {
  inclusiveRangeError,
  invalidIPMessage,
  isDNS1123Label,
  isDNS1123Subdomain,
  isDNS1123SubdomainWithUnderscore,
  isQualifiedName,
  isValidGroupID,
  isValidLabelValue,
  isValidUserID,
  nameIsDNSSubdomain,
  parseIP,
} from './names.ts';
import {
  validateAppArmorProfile,
  validateContainers,
  validateImageWhitespace,
  validateInitContainers,
  validateResourceRequirements,
  validateSeccompProfile,
  type ContainerContext,
} from './validateContainers.ts';
import { validateLabels, validateObjectMeta } from './validateMeta.ts';
import { validateLocalDescendingPath, validateVolumes } from './validateVolumes.ts';

const MAX_INT32 = 2147483647;

function validateLabelName(key: string, path: string): FieldError[] {
  return isQualifiedName(key).map((m) => fe.invalid(path, key, m));
}

function validateLabelSelector(selector: Obj | undefined, path: string): FieldError[] {
  if (!selector) return [];
  const errs = validateLabels(stringMap(selector, 'matchLabels'), `${path}.matchLabels`);
  list(selector, 'matchExpressions').forEach((req, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const op = str(req, 'operator');
    const values = strings(req, 'values');
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0)
        errs.push(
          fe.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
        );
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0)
        errs.push(
          fe.forbidden(
            `${p}.values`,
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
    } else {
      errs.push(fe.invalid(`${p}.operator`, op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(req, 'key'), `${p}.key`));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(fe.invalid(`${p}.values[${j}]`, v, m));
    });
  });
  return errs;
}

function validateNodeSelectorTerm(
  term: Obj,
  allowInvalidValues: boolean,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  list(term, 'matchExpressions').forEach((req, j) => {
    const p = `${path}.matchExpressions[${j}]`;
    const op = str(req, 'operator');
    const values = strings(req, 'values');
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0)
        errs.push(
          fe.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
        );
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0)
        errs.push(
          fe.forbidden(
            `${p}.values`,
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
    } else if (op === 'Gt' || op === 'Lt') {
      if (values.length !== 1)
        errs.push(
          fe.required(
            `${p}.values`,
            "must be specified single value when `operator` is 'Lt' or 'Gt'",
          ),
        );
    } else {
      errs.push(fe.invalid(`${p}.operator`, op, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(str(req, 'key'), `${p}.key`));
    if (!allowInvalidValues) {
      values.forEach((v, k) => {
        for (const m of isValidLabelValue(v)) errs.push(fe.invalid(`${p}.values[${k}]`, v, m));
      });
    }
  });
  list(term, 'matchFields').forEach((req, j) => {
    const p = `${path}.matchFields[${j}]`;
    const op = str(req, 'operator');
    if (op === 'In' || op === 'NotIn') {
      if (strings(req, 'values').length !== 1) {
        errs.push(
          fe.required(
            `${p}.values`,
            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
          ),
        );
      }
    } else {
      errs.push(fe.invalid(`${p}.operator`, op, 'not a valid selector operator'));
    }
    if (str(req, 'key') !== 'metadata.name')
      errs.push(fe.invalid(`${p}.key`, str(req, 'key'), 'not a valid field selector key'));
    else
      strings(req, 'values').forEach((v, k) =>
        nameIsDNSSubdomain(v, false).forEach((m) =>
          errs.push(fe.invalid(`${p}.values[${k}]`, v, m)),
        ),
      );
  });
  return errs;
}

function validatePodAffinityTerm(term: Obj, path: string): FieldError[] {
  const errs = [
    ...validateLabelSelector(obj(term, 'labelSelector'), `${path}.labelSelector`),
    ...validateLabelSelector(obj(term, 'namespaceSelector'), `${path}.namespaceSelector`),
  ];
  for (const ns of strings(term, 'namespaces'))
    for (const m of isDNS1123Label(ns)) errs.push(fe.invalid(`${path}.namespace`, ns, m));
  if (!str(term, 'topologyKey')) errs.push(fe.required(`${path}.topologyKey`, 'can not be empty'));
  errs.push(...validateLabelName(str(term, 'topologyKey'), `${path}.topologyKey`));
  return errs;
}

function validateAffinity(affinity: Obj | undefined, path: string): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const node = obj(affinity, 'nodeAffinity');
  if (node) {
    const required = obj(node, 'requiredDuringSchedulingIgnoredDuringExecution');
    if (required) {
      const termsPath = `${path}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      const terms = list(required, 'nodeSelectorTerms');
      if (terms.length === 0)
        errs.push(fe.required(termsPath, 'must have at least one node selector term'));
      terms.forEach((t, i) =>
        errs.push(...validateNodeSelectorTerm(t, false, `${termsPath}[${i}]`)),
      );
    }
    list(node, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((t, i) => {
      const p = `${path}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      const weight = num(t, 'weight');
      if (weight <= 0 || weight > 100)
        errs.push(fe.invalid(`${p}.weight`, weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(obj(t, 'preference') ?? {}, true, `${p}.preference`));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = obj(affinity, kind);
    if (!a) continue;
    list(a, 'requiredDuringSchedulingIgnoredDuringExecution').forEach((t, i) =>
      errs.push(
        ...validatePodAffinityTerm(
          t,
          `${path}.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`,
        ),
      ),
    );
    list(a, 'preferredDuringSchedulingIgnoredDuringExecution').forEach((t, i) => {
      const p = `${path}.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      const weight = num(t, 'weight');
      if (weight <= 0 || weight > 100)
        errs.push(fe.invalid(`${p}.weight`, weight, 'must be in the range 1-100'));
      errs.push(
        ...validatePodAffinityTerm(obj(t, 'podAffinityTerm') ?? {}, `${p}.podAffinityTerm`),
      );
    });
  }
  return errs;
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = `${path}[${i}]`;
    const key = str(t, 'key');
    const op = str(t, 'operator');
    const effect = str(t, 'effect');
    const value = str(t, 'value');
    if (key) errs.push(...validateLabelName(key, `${p}.key`));
    if (!key && op !== 'Exists') {
      errs.push(
        fe.invalid(
          `${p}.operator`,
          op,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (has(t, 'tolerationSeconds') && effect !== 'NoExecute') {
      errs.push(
        fe.invalid(
          `${p}.effect`,
          effect,
          "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ),
      );
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(fe.invalid(`${p}.operator`, value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value)
        errs.push(
          fe.invalid(`${p}.operator`, value, "value must be empty when `operator` is 'Exists'"),
        );
    } else {
      errs.push(fe.notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    }
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      errs.push(
        fe.notSupported(`${p}.effect`, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
      );
    }
  });
  return errs;
}

const sysctlSegment = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const sysctlRE = new RegExp(`^(${sysctlSegment}[\\./])*${sysctlSegment}$`);

function validatePodSecurityContext(spec: Obj, path: string): FieldError[] {
  const sc = obj(spec, 'securityContext');
  const errs: FieldError[] = [];
  if (!sc) return errs;
  const scPath = `${path}.securityContext`;
  const fsGroup = optNum(sc, 'fsGroup');
  if (fsGroup !== undefined)
    for (const m of isValidGroupID(fsGroup)) errs.push(fe.invalid(`${scPath}.fsGroup`, fsGroup, m));
  const runAsUser = optNum(sc, 'runAsUser');
  if (runAsUser !== undefined)
    for (const m of isValidUserID(runAsUser))
      errs.push(fe.invalid(`${scPath}.runAsUser`, runAsUser, m));
  const runAsGroup = optNum(sc, 'runAsGroup');
  if (runAsGroup !== undefined)
    for (const m of isValidGroupID(runAsGroup))
      errs.push(fe.invalid(`${scPath}.runAsGroup`, runAsGroup, m));
  (Array.isArray(sc.supplementalGroups) ? (sc.supplementalGroups as number[]) : []).forEach(
    (gid, g) => {
      for (const m of isValidGroupID(gid))
        errs.push(fe.invalid(`${scPath}.supplementalGroups[${g}]`, gid, m));
    },
  );
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(
      fe.invalid(
        `${scPath}.shareProcessNamespace`,
        true,
        'ShareProcessNamespace and HostPID cannot both be enabled',
      ),
    );
  }
  const seen = new Set<string>();
  list(sc, 'sysctls').forEach((s, i) => {
    const name = str(s, 'name');
    const p = `${scPath}.sysctls[${i}].name`;
    if (!name) errs.push(fe.required(p));
    else if (name.length > 253 || !sysctlRE.test(name)) {
      errs.push(
        fe.invalid(p, name, `must have at most 253 characters and match regex ${sysctlRE.source}`),
      );
    } else if (seen.has(name)) errs.push(fe.duplicate(p, name));
    seen.add(name);
  });
  const fsPolicy = optStr(sc, 'fsGroupChangePolicy');
  if (fsPolicy !== undefined && fsPolicy !== 'OnRootMismatch' && fsPolicy !== 'Always') {
    errs.push(
      fe.notSupported(`${scPath}.fsGroupChangePolicy`, fsPolicy, ['Always', 'OnRootMismatch']),
    );
  }
  errs.push(...validateSeccompProfile(obj(sc, 'seccompProfile'), `${scPath}.seccompProfile`));
  errs.push(...validateAppArmorProfile(obj(sc, 'appArmorProfile'), `${scPath}.appArmorProfile`));
  const sgPolicy = optStr(sc, 'supplementalGroupsPolicy');
  if (sgPolicy !== undefined && sgPolicy !== 'Merge' && sgPolicy !== 'Strict') {
    errs.push(fe.notSupported(`${scPath}.supplementalGroupsPolicy`, sgPolicy, ['Merge', 'Strict']));
  }
  const seLinux = optStr(sc, 'seLinuxChangePolicy');
  if (seLinux !== undefined && seLinux !== 'MountOption' && seLinux !== 'Recursive') {
    errs.push(
      fe.notSupported(`${scPath}.seLinuxChangePolicy`, seLinux, ['MountOption', 'Recursive']),
    );
  }
  return errs;
}

function validateDNSConfig(spec: Obj, path: string): FieldError[] {
  const dnsConfig = obj(spec, 'dnsConfig');
  const errs: FieldError[] = [];
  if (str(spec, 'dnsPolicy') === 'None') {
    if (!dnsConfig) return [fe.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (strings(dnsConfig, 'nameservers').length === 0) {
      return [
        fe.required(
          `${path}.nameservers`,
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      ];
    }
  }
  if (!dnsConfig) return errs;
  const nameservers = strings(dnsConfig, 'nameservers');
  const goList = (values: string[]) => fe.raw(`[]string{${values.map(fe.goQuote).join(', ')}}`);
  if (nameservers.length > 3)
    errs.push(
      fe.invalid(
        `${path}.nameservers`,
        goList(nameservers),
        'must not have more than 3 nameservers',
      ),
    );
  nameservers.forEach((ns, i) => {
    if (!parseIP(ns)) errs.push(fe.invalid(`${path}.nameservers[${i}]`, ns, invalidIPMessage));
  });
  const searches = strings(dnsConfig, 'searches');
  if (searches.length > 32)
    errs.push(
      fe.invalid(`${path}.searches`, goList(searches), 'must not have more than 32 search paths'),
    );
  if (searches.join(' ').length > 2048) {
    errs.push(
      fe.invalid(
        `${path}.searches`,
        goList(searches),
        'must not have more than 2048 characters (including spaces) in the search list',
      ),
    );
  }
  searches.forEach((search, i) => {
    if (search === '.') return;
    const trimmed = search.endsWith('.') ? search.slice(0, -1) : search;
    for (const m of isDNS1123SubdomainWithUnderscore(trimmed))
      errs.push(fe.invalid(`${path}.searches[${i}]`, trimmed, m));
  });
  list(dnsConfig, 'options').forEach((o, i) => {
    if (!str(o, 'name')) errs.push(fe.required(`${path}.options[${i}]`, 'must not be empty'));
  });
  return errs;
}

function validateTopologySpread(constraints: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  constraints.forEach((c, i) => {
    const p = `${path}[${i}]`;
    const maxSkew = num(c, 'maxSkew');
    if (maxSkew <= 0) errs.push(fe.invalid(`${p}.maxSkew`, maxSkew, 'must be greater than zero'));
    if (!str(c, 'topologyKey')) errs.push(fe.required(`${p}.topologyKey`, 'can not be empty'));
    const action = str(c, 'whenUnsatisfiable');
    if (action !== 'DoNotSchedule' && action !== 'ScheduleAnyway') {
      errs.push(
        fe.notSupported(`${p}.whenUnsatisfiable`, action, ['DoNotSchedule', 'ScheduleAnyway']),
      );
    }
    if (
      constraints
        .slice(i + 1)
        .some(
          (o) =>
            str(o, 'topologyKey') === str(c, 'topologyKey') &&
            str(o, 'whenUnsatisfiable') === action,
        )
    ) {
      errs.push(
        fe.duplicate(
          `${p}.{topologyKey, whenUnsatisfiable}`,
          `{${str(c, 'topologyKey')}, ${action}}`,
        ),
      );
    }
    const minDomains = optNum(c, 'minDomains');
    if (minDomains !== undefined) {
      if (minDomains <= 0)
        errs.push(fe.invalid(`${p}.minDomains`, minDomains, 'must be greater than zero'));
      if (action !== 'DoNotSchedule') {
        errs.push(
          fe.invalid(
            `${p}.minDomains`,
            minDomains,
            `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`,
          ),
        );
      }
    }
    for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const policy = optStr(c, key);
      if (policy !== undefined && policy !== 'Honor' && policy !== 'Ignore')
        errs.push(fe.notSupported(`${p}.${key}`, policy, ['Honor', 'Ignore']));
    }
    strings(c, 'matchLabelKeys').forEach((k, j) =>
      errs.push(...validateLabelName(k, `${p}.matchLabelKeys[${j}]`)),
    );
    errs.push(...validateLabelSelector(obj(c, 'labelSelector'), `${p}.labelSelector`));
  });
  return errs;
}

const windowsForbiddenPod = [
  ['securityContext.appArmorProfile', 'appArmorProfile'],
  ['securityContext.seLinuxOptions', 'seLinuxOptions'],
  ['securityContext.seccompProfile', 'seccompProfile'],
  ['securityContext.fsGroup', 'fsGroup'],
  ['securityContext.fsGroupChangePolicy', 'fsGroupChangePolicy'],
  ['securityContext.sysctls', 'sysctls'],
  ['securityContext.runAsUser', 'runAsUser'],
  ['securityContext.runAsGroup', 'runAsGroup'],
  ['securityContext.supplementalGroups', 'supplementalGroups'],
  ['securityContext.supplementalGroupsPolicy', 'supplementalGroupsPolicy'],
  ['securityContext.seLinuxChangePolicy', 'seLinuxChangePolicy'],
] as const;
const windowsForbiddenContainer = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'capabilities',
  'readOnlyRootFilesystem',
  'privileged',
  'allowPrivilegeEscalation',
  'procMount',
  'runAsUser',
  'runAsGroup',
];

function validateOS(spec: Obj, path: string): FieldError[] {
  const os = obj(spec, 'os');
  if (!os) return [];
  const name = str(os, 'name');
  if (!name) return [fe.required(`${path}.os.name`)];
  if (name !== 'linux' && name !== 'windows')
    return [fe.notSupported(`${path}.os.name`, name, ['linux', 'windows'])];
  const errs: FieldError[] = [];
  const containers = [
    ...list(spec, 'initContainers').map((c, i) => [c, `${path}.initContainers[${i}]`] as const),
    ...list(spec, 'containers').map((c, i) => [c, `${path}.containers[${i}]`] as const),
    ...list(spec, 'ephemeralContainers').map(
      (c, i) => [c, `${path}.ephemeralContainers[${i}]`] as const,
    ),
  ];
  const sc = obj(spec, 'securityContext');
  if (name === 'linux') {
    if (has(sc, 'windowsOptions'))
      errs.push(
        fe.forbidden(
          `${path}.securityContext.windowsOptions`,
          'windows options cannot be set for a linux pod',
        ),
      );
    for (const [c, p] of containers) {
      if (has(obj(c, 'securityContext'), 'windowsOptions')) {
        errs.push(
          fe.forbidden(
            `${p}.securityContext.windowsOptions`,
            'windows options cannot be set for a linux pod',
          ),
        );
      }
    }
    return errs;
  }
  const pod = (p: string) =>
    errs.push(fe.forbidden(`${path}.${p}`, 'cannot be set for a windows pod'));
  if (has(sc, 'appArmorProfile')) pod('securityContext.appArmorProfile');
  if (has(sc, 'seLinuxOptions')) pod('securityContext.seLinuxOptions');
  if (has(spec, 'hostUsers')) pod('hostUsers');
  if (bool(spec, 'hostPID')) pod('hostPID');
  if (bool(spec, 'hostIPC')) pod('hostIPC');
  for (const [p, key] of windowsForbiddenPod.slice(2, 6)) if (has(sc, key)) pod(p);
  if (has(spec, 'shareProcessNamespace')) pod('shareProcessNamespace');
  for (const [p, key] of windowsForbiddenPod.slice(6)) if (has(sc, key)) pod(p);
  for (const [c, p] of containers) {
    const csc = obj(c, 'securityContext');
    for (const key of windowsForbiddenContainer) {
      if (has(csc, key))
        errs.push(fe.forbidden(`${p}.securityContext.${key}`, 'cannot be set for a windows pod'));
    }
  }
  return errs;
}

/** ValidatePodSpec, in Kubernetes' order. */
export function validatePodSpec(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!has(spec, 'terminationGracePeriodSeconds'))
    errs.push(fe.required(`${path}.terminationGracePeriodSeconds`));
  const gracePeriod = optNum(spec, 'terminationGracePeriodSeconds');
  const hostUsers = spec.hostUsers !== false;
  const { volumes, errors } = validateVolumes(list(spec, 'volumes'), `${path}.volumes`);
  errs.push(...errors);
  const ctx: ContainerContext = {
    volumes,
    gracePeriod,
    podRestartPolicy: str(spec, 'restartPolicy'),
    hostUsers,
  };
  const containers = list(spec, 'containers');
  errs.push(...validateContainers(containers, ctx, `${path}.containers`));
  errs.push(
    ...validateInitContainers(
      list(spec, 'initContainers'),
      containers,
      ctx,
      `${path}.initContainers`,
    ),
  );
  if (spec.hostNetwork === true) {
    containers.forEach((c, i) =>
      list(c, 'ports').forEach((port, j) => {
        if (num(port, 'hostPort') !== num(port, 'containerPort')) {
          errs.push(
            fe.invalid(
              `${path}.containers[${i}].ports[${j}].hostPort`,
              num(port, 'hostPort'),
              'must match `containerPort` when `hostNetwork` is true',
            ),
          );
        }
      }),
    );
  }
  const restartPolicy = str(spec, 'restartPolicy');
  if (!restartPolicy) errs.push(fe.required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    errs.push(
      fe.notSupported(`${path}.restartPolicy`, restartPolicy, ['Always', 'OnFailure', 'Never']),
    );
  }
  const dnsPolicy = str(spec, 'dnsPolicy');
  if (!dnsPolicy) errs.push(fe.required(`${path}.dnsPolicy`));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dnsPolicy)) {
    errs.push(
      fe.notSupported(`${path}.dnsPolicy`, dnsPolicy, [
        'ClusterFirstWithHostNet',
        'ClusterFirst',
        'Default',
        'None',
      ]),
    );
  }
  errs.push(...validateLabels(stringMap(spec, 'nodeSelector'), `${path}.nodeSelector`));
  errs.push(...validatePodSecurityContext(spec, path));
  errs.push(...validateAffinity(obj(spec, 'affinity'), `${path}.affinity`));
  errs.push(...validateDNSConfig(spec, `${path}.dnsConfig`));
  list(spec, 'readinessGates').forEach((g, i) =>
    isQualifiedName(str(g, 'conditionType')).forEach((m) =>
      errs.push(
        fe.invalid(`${path}.readinessGates[${i}].conditionType`, str(g, 'conditionType'), m),
      ),
    ),
  );
  const gates = new Set<string>();
  list(spec, 'schedulingGates').forEach((g, i) => {
    const name = str(g, 'name');
    for (const m of isQualifiedName(name))
      errs.push(fe.invalid(`${path}.schedulingGates[${i}]`, name, m));
    if (gates.has(name)) errs.push(fe.duplicate(`${path}.schedulingGates[${i}]`, name));
    gates.add(name);
  });
  errs.push(
    ...validateTopologySpread(
      list(spec, 'topologySpreadConstraints'),
      `${path}.topologySpreadConstraints`,
    ),
  );
  if (spec.hostUsers === false) {
    if (spec.hostNetwork === true)
      errs.push(fe.forbidden(`${path}.hostNetwork`, 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID === true)
      errs.push(fe.forbidden(`${path}.HostPID`, 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC === true)
      errs.push(fe.forbidden(`${path}.HostIPC`, 'when `pod.Spec.HostUsers` is false'));
  }
  const sa = str(spec, 'serviceAccountName');
  if (sa)
    for (const m of isDNS1123Subdomain(sa))
      errs.push(fe.invalid(`${path}.serviceAccountName`, sa, m));
  const nodeName = str(spec, 'nodeName');
  if (nodeName)
    for (const m of isDNS1123Subdomain(nodeName))
      errs.push(fe.invalid(`${path}.nodeName`, nodeName, m));
  const deadline = optNum(spec, 'activeDeadlineSeconds');
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(
      fe.invalid(`${path}.activeDeadlineSeconds`, deadline, inclusiveRangeError(1, MAX_INT32)),
    );
  }
  for (const key of ['hostname', 'subdomain']) {
    const v = str(spec, key);
    if (v) for (const m of isDNS1123Label(v)) errs.push(fe.invalid(`${path}.${key}`, v, m));
  }
  errs.push(...validateTolerations(list(spec, 'tolerations'), `${path}.tolerations`));
  list(spec, 'hostAliases').forEach((alias, i) => {
    const ip = str(alias, 'ip');
    if (!parseIP(ip)) errs.push(fe.invalid(`${path}.hostAliases[${i}].ip`, ip, invalidIPMessage));
    strings(alias, 'hostnames').forEach((h, j) =>
      isDNS1123Subdomain(h).forEach((m) =>
        errs.push(fe.invalid(`${path}.hostAliases[${i}].hostnames[${j}]`, h, m)),
      ),
    );
  });
  const priorityClassName = str(spec, 'priorityClassName');
  if (priorityClassName)
    for (const m of isDNS1123Subdomain(priorityClassName))
      errs.push(fe.invalid(`${path}.priorityClassName`, priorityClassName, m));
  const runtimeClassName = optStr(spec, 'runtimeClassName');
  if (runtimeClassName !== undefined)
    for (const m of isDNS1123Subdomain(runtimeClassName))
      errs.push(fe.invalid(`${path}.runtimeClassName`, runtimeClassName, m));
  const preemption = optStr(spec, 'preemptionPolicy');
  if (preemption !== undefined) {
    if (!preemption) errs.push(fe.required(`${path}.preemptionPolicy`));
    else if (preemption !== 'PreemptLowerPriority' && preemption !== 'Never') {
      errs.push(
        fe.notSupported(`${path}.preemptionPolicy`, preemption, ['PreemptLowerPriority', 'Never']),
      );
    }
  }
  if (isObj(spec.overhead))
    errs.push(...validateResourceRequirements({ limits: spec.overhead }, `${path}.overhead`));
  errs.push(...validateOS(spec, path));
  return errs;
}

const deletionCostKey = 'controller.kubernetes.io/pod-deletion-cost';
const mirrorPodKey = 'kubernetes.io/config.mirror';

/** ValidatePodSpecificAnnotations: mirror pods, deletion cost, seccomp annotations. */
export function validatePodAnnotations(
  meta: ObjectMeta | undefined,
  spec: Obj,
  path: string,
): FieldError[] {
  const annotations = meta?.annotations ?? {};
  const errs: FieldError[] = [];
  if (mirrorPodKey in annotations && !str(spec, 'nodeName')) {
    errs.push(
      fe.invalid(
        `${path}[${mirrorPodKey}]`,
        annotations[mirrorPodKey]!,
        'must set spec.nodeName if mirror pod annotation is set',
      ),
    );
  }
  if (deletionCostKey in annotations) {
    const v = annotations[deletionCostKey]!;
    const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
    if (!(n >= -(2 ** 31) && n < 2 ** 31))
      errs.push(fe.invalid(`${path}[${deletionCostKey}]`, v, 'must be a 32bit integer'));
  }
  for (const [k, v] of Object.entries(annotations)) {
    if (
      k !== 'seccomp.security.alpha.kubernetes.io/pod' &&
      !k.startsWith('container.seccomp.security.alpha.kubernetes.io/')
    )
      continue;
    if (v === 'runtime/default' || v === 'docker/default' || v === 'unconfined') continue;
    if (v.startsWith('localhost/'))
      errs.push(...validateLocalDescendingPath(v.slice('localhost/'.length), `${path}.${k}`));
    else errs.push(fe.invalid(`${path}.${k}`, v, 'must be a valid seccomp profile'));
  }
  return errs;
}

/** validatePodMetadataAndSpec: metadata, annotations, spec, then pod-only checks. */
export function validatePodMetadataAndSpec(pod: Obj): FieldError[] {
  const meta = pod.metadata as ObjectMeta | undefined;
  const spec = obj(pod, 'spec') ?? {};
  const errs = validateObjectMeta(meta, true, nameIsDNSSubdomain);
  errs.push(...validatePodAnnotations(meta, spec, 'metadata.annotations'));
  errs.push(...validatePodSpec(spec, 'spec'));
  if (!str(spec, 'serviceAccountName')) {
    list(spec, 'volumes').forEach((vol, vi) =>
      list(obj(vol, 'projected'), 'sources').forEach((source, si) => {
        if (has(source, 'serviceAccountToken')) {
          errs.push(
            fe.forbidden(
              `spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`,
              'must not be specified when serviceAccountName is not set',
            ),
          );
        }
      }),
    );
  }
  errs.push(...validateImageWhitespace(list(spec, 'containers'), 'spec.containers'));
  errs.push(...validateImageWhitespace(list(spec, 'initContainers'), 'spec.initContainers'));
  return errs;
}

/** ValidatePodCreate. */
export function validatePodCreate(pod: Obj): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  const spec = obj(pod, 'spec') ?? {};
  if (list(spec, 'ephemeralContainers').length > 0)
    errs.push(fe.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec, 'nodeName') && list(spec, 'schedulingGates').length > 0) {
    errs.push(
      fe.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'),
    );
  }
  return errs;
}
