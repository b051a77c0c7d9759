/**
 * Container validation (validateContainers, validateInitContainers, validateContainerCommon and their
 * helpers in k8s.io/kubernetes pkg/apis/core/validation, v1.33 with its default feature gates:
 * relaxed env var names, zero-second sleep actions, sidecars).
 */
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantityMilliValue,
  quantitySign,
  type Quantity,
} from '../../kube/quantity.ts';
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
  strings,
  type Obj,
} from './access.ts';
import * as fe from './fieldErrors.ts';
import type { FieldError } from './fieldErrors.ts';
import {
  isConfigMapKey,
  isDNS1123Label,
  isHTTPHeaderName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidGroupID,
  isValidPortName,
  isValidPortNum,
  isValidUserID,
  nameIsDNSSubdomain,
} from './names.ts';
import {
  envFieldPaths,
  validateLocalDescendingPath,
  validateObjectFieldSelector,
  validateResourceFieldSelector,
} from './validateVolumes.ts';

const nonNegative = (value: number, path: string): FieldError[] =>
  value < 0 ? [fe.invalid(path, value, 'must be greater than or equal to 0')] : [];

function validatePorts(ports: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `${path}[${i}]`;
    const name = str(port, 'name');
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) for (const m of msgs) errs.push(fe.invalid(`${p}.name`, name, m));
      else if (names.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
      else names.add(name);
    }
    const containerPort = num(port, 'containerPort');
    if (containerPort === 0) errs.push(fe.required(`${p}.containerPort`));
    else
      for (const m of isValidPortNum(containerPort))
        errs.push(fe.invalid(`${p}.containerPort`, containerPort, m));
    const hostPort = num(port, 'hostPort');
    if (hostPort !== 0)
      for (const m of isValidPortNum(hostPort)) errs.push(fe.invalid(`${p}.hostPort`, hostPort, m));
    const protocol = str(port, 'protocol');
    if (!protocol) errs.push(fe.required(`${p}.protocol`));
    else if (!['TCP', 'UDP', 'SCTP'].includes(protocol))
      errs.push(fe.notSupported(`${p}.protocol`, protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

function validateKeySelector(s: Obj, path: string): FieldError[] {
  const errs = nameIsDNSSubdomain(str(s, 'name'), false).map((m) =>
    fe.invalid(`${path}.name`, str(s, 'name'), m),
  );
  const key = str(s, 'key');
  if (!key) errs.push(fe.required(`${path}.key`));
  else for (const m of isConfigMapKey(key)) errs.push(fe.invalid(`${path}.key`, key, m));
  return errs;
}

function validateEnv(env: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const p = `${path}[${i}]`;
    const name = str(ev, 'name');
    if (!name) errs.push(fe.required(`${p}.name`));
    else for (const m of isRelaxedEnvVarName(name)) errs.push(fe.invalid(`${p}.name`, name, m));
    const valueFrom = obj(ev, 'valueFrom');
    if (!valueFrom) return;
    const vp = `${p}.valueFrom`;
    let count = 0;
    const fieldRef = obj(valueFrom, 'fieldRef');
    if (fieldRef) {
      count++;
      errs.push(...validateObjectFieldSelector(fieldRef, envFieldPaths, `${vp}.fieldRef`));
    }
    const resourceRef = obj(valueFrom, 'resourceFieldRef');
    if (resourceRef) {
      count++;
      errs.push(...validateResourceFieldSelector(resourceRef, `${vp}.resourceFieldRef`, false));
    }
    for (const kind of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const ref = obj(valueFrom, kind);
      if (!ref) continue;
      count++;
      errs.push(...validateKeySelector(ref, `${vp}.${kind}`));
    }
    if (count === 0) {
      errs.push(
        fe.invalid(
          vp,
          '',
          'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ),
      );
    } else if (str(ev, 'value')) {
      errs.push(fe.invalid(vp, '', 'may not be specified when `value` is not empty'));
    } else if (count > 1) {
      errs.push(fe.invalid(vp, '', 'may not have more than one field specified at a time'));
    }
  });
  return errs;
}

function validateEnvFrom(sources: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  sources.forEach((ev, i) => {
    const p = `${path}[${i}]`;
    const prefix = str(ev, 'prefix');
    if (prefix)
      for (const m of isRelaxedEnvVarName(prefix)) errs.push(fe.invalid(`${p}.prefix`, prefix, m));
    let count = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = obj(ev, kind);
      if (!ref) continue;
      count++;
      const name = str(ref, 'name');
      if (!name) errs.push(fe.required(`${p}.${kind}.name`));
      else
        for (const m of nameIsDNSSubdomain(name, true))
          errs.push(fe.invalid(`${p}.${kind}.name`, name, m));
    }
    if (count === 0)
      errs.push(fe.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (count > 1)
      errs.push(fe.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(
  c: Obj,
  volumes: ReadonlyMap<string, Obj>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const devices = new Map(
    list(c, 'volumeDevices').map((d) => [str(d, 'name'), str(d, 'devicePath')]),
  );
  const privileged = bool(obj(c, 'securityContext'), 'privileged');
  list(c, 'volumeMounts').forEach((m, i) => {
    const p = `${path}[${i}]`;
    const name = str(m, 'name');
    const mountPath = str(m, 'mountPath');
    if (!name) errs.push(fe.required(`${p}.name`));
    if (!volumes.has(name)) errs.push(fe.notFound(`${p}.name`, name));
    if (!mountPath) errs.push(fe.required(`${p}.mountPath`));
    if (mountPoints.has(mountPath))
      errs.push(fe.invalid(`${p}.mountPath`, mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (devices.has(name))
      errs.push(fe.invalid(`${p}.name`, name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(mountPath)) {
      errs.push(
        fe.invalid(
          `${p}.mountPath`,
          mountPath,
          'must not already exist as a path in volumeDevices',
        ),
      );
    }
    const subPath = str(m, 'subPath');
    const subPathExpr = str(m, 'subPathExpr');
    if (volumes.get(name)?.image !== undefined) {
      if (subPath)
        errs.push(fe.invalid(`${p}.subPath`, subPath, 'not allowed in image volume sources'));
      if (subPathExpr)
        errs.push(
          fe.invalid(`${p}.subPathExpr`, subPathExpr, 'not allowed in image volume sources'),
        );
    }
    // Kubernetes names these paths without the mount's index.
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, `${path}.subPath`));
    if (subPathExpr) {
      if (subPath)
        errs.push(
          fe.invalid(
            `${p}.subPathExpr`,
            subPathExpr,
            'subPathExpr and subPath are mutually exclusive',
          ),
        );
      errs.push(...validateLocalDescendingPath(subPathExpr, `${path}.subPathExpr`));
    }
    const propagation = optStr(m, 'mountPropagation');
    if (propagation !== undefined) {
      if (!['Bidirectional', 'HostToContainer', 'None'].includes(propagation)) {
        errs.push(
          fe.notSupported(`${path}.mountPropagation`, propagation, [
            'Bidirectional',
            'HostToContainer',
            'None',
          ]),
        );
      }
      if (propagation === 'Bidirectional' && !privileged) {
        errs.push(
          fe.forbidden(
            `${path}.mountPropagation`,
            'Bidirectional mount propagation is available only to privileged containers',
          ),
        );
      }
    }
    const rro = optStr(m, 'recursiveReadOnly');
    if (rro === 'Enabled' || rro === 'IfPossible') {
      if (!bool(m, 'readOnly'))
        errs.push(
          fe.forbidden(`${path}.recursiveReadOnly`, 'may only be specified when readOnly is true'),
        );
      if (propagation !== undefined && propagation !== 'None') {
        errs.push(
          fe.forbidden(
            `${path}.recursiveReadOnly`,
            'may only be specified when mountPropagation is None or not specified',
          ),
        );
      }
    } else if (rro !== undefined && rro !== 'Disabled') {
      errs.push(
        fe.notSupported(`${path}.recursiveReadOnly`, rro, ['Disabled', 'Enabled', 'IfPossible']),
      );
    }
  });
  return errs;
}

function validateVolumeDevices(
  c: Obj,
  volumes: ReadonlyMap<string, Obj>,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const mounts = new Map(list(c, 'volumeMounts').map((m) => [str(m, 'name'), str(m, 'mountPath')]));
  const paths = new Set<string>();
  const names = new Set<string>();
  list(c, 'volumeDevices').forEach((d, i) => {
    const p = `${path}[${i}]`;
    const name = str(d, 'name');
    const devicePath = str(d, 'devicePath');
    const vol = volumes.get(name);
    if (!name) errs.push(fe.required(`${p}.name`));
    if (names.has(name)) errs.push(fe.invalid(`${p}.name`, name, 'must be unique'));
    if (vol && vol.persistentVolumeClaim === undefined && vol.ephemeral === undefined) {
      errs.push(
        fe.invalid(
          `${p}.name`,
          name,
          'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode',
        ),
      );
    }
    if (!vol) errs.push(fe.notFound(`${p}.name`, name));
    if (!devicePath) errs.push(fe.required(`${p}.devicePath`));
    if (paths.has(devicePath))
      errs.push(fe.invalid(`${p}.devicePath`, devicePath, 'must be unique'));
    if (devicePath && devicePath.split('/').includes('..')) {
      errs.push(fe.invalid(`${p}.devicePath`, devicePath, "can not contain backsteps ('..')"));
    } else {
      paths.add(devicePath);
    }
    if (mounts.has(name))
      errs.push(fe.invalid(`${p}.name`, name, 'must not already exist in volumeMounts'));
    if ([...mounts.values()].includes(devicePath))
      errs.push(
        fe.invalid(
          `${p}.devicePath`,
          devicePath,
          'must not already exist as a path in volumeMounts',
        ),
      );
    if (name) names.add(name);
  });
  return errs;
}

const standardResources = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'persistentvolumeclaims',
  'configmaps',
  'services.nodeports',
  'services.loadbalancers',
  'storage',
  'requests.storage',
]);
const integerResources = new Set([
  'pods',
  'services',
  'replicationcontrollers',
  'resourcequotas',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);
const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isExtended = (name: string) =>
  !isNative(name) &&
  !name.startsWith('requests.') &&
  isQualifiedName(`requests.${name}`).length === 0;
const overcommitAllowed = (name: string) => isNative(name) && !isHugePages(name);

function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fe.invalid(path, name, m));
  if (errs.length > 0) return errs;
  if (!name.includes('/')) {
    if (!standardResources.has(name) && !isHugePages(name))
      return [fe.invalid(path, name, 'must be a standard resource type or fully qualified')];
    if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !isHugePages(name)) {
      return [fe.invalid(path, name, 'must be a standard resource for containers')];
    }
  } else if (!isNative(name) && !isExtended(name)) {
    return [fe.invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return [];
}

function quantityOf(v: unknown): Quantity | undefined {
  try {
    return parseQuantity(String(v));
  } catch {
    return undefined;
  }
}

/**
 * A resource.Quantity value as Go's %#v prints it (Quantity's String has a pointer receiver, so a
 * Quantity passed by value prints as a struct). An inf.Dec-held value prints a heap address in Go;
 * a fixed one stands in for it.
 */
export function goQuantityStruct(q: Quantity): fe.RawValue {
  const i = q.dec ? 'value:0, scale:0' : `value:${q.mantissa}, scale:${q.exp}`;
  const d = q.dec ? '(*inf.Dec)(0xc000010000)' : '(*inf.Dec)(nil)';
  return fe.raw(
    `resource.Quantity{i:resource.int64Amount{${i}}, d:resource.infDecAmount{Dec:${d}}, s:${fe.goQuote(q.text ?? '')}, Format:${fe.goQuote(q.format)}}`,
  );
}

/** ValidateResourceQuantityValue: non-negative, and whole for integer and extended resources. */
export function validateQuantityValue(name: string, q: Quantity, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (quantitySign(q) < 0)
    errs.push(fe.invalid(path, formatQuantity(q), 'must be greater than or equal to 0'));
  if ((integerResources.has(name) || isExtended(name)) && quantityMilliValue(q) % 1000 !== 0) {
    errs.push(fe.invalid(path, goQuantityStruct(q), 'must be an integer'));
  }
  return errs;
}

const hugePageSizes: Record<string, bigint> = { Ki: 1024n, Mi: 1024n ** 2n, Gi: 1024n ** 3n };
function hugePageDivisible(name: string, q: Quantity): boolean {
  const m = /^hugepages-(\d+)(Ki|Mi|Gi)$/.exec(name);
  if (!m) return true;
  const size = BigInt(m[1]!) * hugePageSizes[m[2]!]!;
  if (q.exp < 0) return false;
  return (q.mantissa * 10n ** BigInt(q.exp)) % size === 0n;
}

/** validateResourceRequirements for containers (and the pod overhead). */
export function validateResourceRequirements(
  resources: Obj | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const limits = isObj(resources?.limits) ? (resources!.limits as Obj) : {};
  const requests = isObj(resources?.requests) ? (resources!.requests as Obj) : {};
  let limCPUOrMemory = false;
  let reqCPUOrMemory = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(limits)) {
    const p = `${path}.limits[${name}]`;
    const q = quantityOf(raw);
    errs.push(...validateContainerResourceName(name, p));
    if (!q) continue;
    errs.push(...validateQuantityValue(name, q, p));
    if (isHugePages(name)) {
      hugePages = true;
      if (!hugePageDivisible(name, q))
        errs.push(
          fe.invalid(
            p,
            formatQuantity(q),
            `${formatQuantity(q)} is not positive integer multiple of ${name}`,
          ),
        );
    }
    if (name === 'cpu' || name === 'memory') limCPUOrMemory = true;
  }
  for (const [name, raw] of Object.entries(requests)) {
    const p = `${path}.requests[${name}]`;
    const q = quantityOf(raw);
    errs.push(...validateContainerResourceName(name, p));
    if (!q) continue;
    errs.push(...validateQuantityValue(name, q, p));
    const limit = quantityOf(limits[name]);
    if (limits[name] !== undefined && limit) {
      if (compareQuantities(q, limit) !== 0 && !overcommitAllowed(name)) {
        errs.push(
          fe.invalid(
            `${path}.requests`,
            formatQuantity(q),
            `must be equal to ${name} limit of ${formatQuantity(limit)}`,
          ),
        );
      } else if (compareQuantities(q, limit) > 0) {
        errs.push(
          fe.invalid(
            `${path}.requests`,
            formatQuantity(q),
            `must be less than or equal to ${name} limit of ${formatQuantity(limit)}`,
          ),
        );
      }
    } else if (!overcommitAllowed(name)) {
      errs.push(
        fe.required(`${path}.limits`, 'Limit must be set for non overcommitable resources'),
      );
    }
    if (isHugePages(name)) {
      hugePages = true;
      if (!hugePageDivisible(name, q))
        errs.push(
          fe.invalid(
            p,
            formatQuantity(q),
            `${formatQuantity(q)} is not positive integer multiple of ${name}`,
          ),
        );
    }
    if (name === 'cpu' || name === 'memory') reqCPUOrMemory = true;
  }
  if (!limCPUOrMemory && !reqCPUOrMemory && hugePages)
    errs.push(fe.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

function validateResizePolicy(
  policies: Obj[],
  path: string,
  podRestartPolicy: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  policies.forEach((p, i) => {
    const resourceName = str(p, 'resourceName');
    const restartPolicy = str(p, 'restartPolicy');
    if (seen.has(resourceName)) errs.push(fe.duplicate(`${path}[${i}]`, resourceName));
    seen.add(resourceName);
    if (!resourceName) errs.push(fe.required(path));
    else if (resourceName !== 'cpu' && resourceName !== 'memory')
      errs.push(fe.notSupported(path, resourceName, ['cpu', 'memory']));
    if (!restartPolicy) errs.push(fe.required(path));
    else if (restartPolicy !== 'NotRequired' && restartPolicy !== 'RestartContainer') {
      errs.push(fe.notSupported(path, restartPolicy, ['NotRequired', 'RestartContainer']));
    }
    if (podRestartPolicy === 'Never' && restartPolicy !== 'NotRequired') {
      errs.push(
        fe.invalid(path, restartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"),
      );
    }
  });
  return errs;
}

/** validateSeccompProfileField. */
export function validateSeccompProfile(sp: Obj | undefined, path: string): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const type = str(sp, 'type');
  if (!type) errs.push(fe.required(`${path}.type`, 'type is required when seccompProfile is set'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(type)) {
    errs.push(fe.notSupported(`${path}.type`, type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  const local = optStr(sp, 'localhostProfile');
  if (type === 'Localhost') {
    if (local === undefined)
      errs.push(
        fe.required(`${path}.localhostProfile`, 'must be set when seccomp type is Localhost'),
      );
    else errs.push(...validateLocalDescendingPath(local, `${path}.localhostProfile`));
  } else if (local !== undefined) {
    errs.push(
      fe.invalid(
        `${path}.localhostProfile`,
        fe.raw(
          `&core.SeccompProfile{Type:${fe.goQuote(type)}, LocalhostProfile:${fe.goQuote(local)}}`,
        ),
        'can only be set when seccomp type is Localhost',
      ),
    );
  }
  return errs;
}

/** ValidateAppArmorProfileField. */
export function validateAppArmorProfile(profile: Obj | undefined, path: string): FieldError[] {
  if (!profile) return [];
  const type = str(profile, 'type');
  const local = optStr(profile, 'localhostProfile');
  switch (type) {
    case 'Localhost': {
      if (local === undefined || local.trim() === '') {
        if (local !== undefined && local.trim() !== local)
          return [
            fe.invalid(`${path}.localhostProfile`, local, 'must not be padded with whitespace'),
          ];
        return [
          fe.required(`${path}.localhostProfile`, 'must be set when AppArmor type is Localhost'),
        ];
      }
      const errs: FieldError[] = [];
      if (local.trim() !== local)
        errs.push(
          fe.invalid(`${path}.localhostProfile`, local, 'must not be padded with whitespace'),
        );
      if (local.length > 4095) errs.push(fe.tooLong(`${path}.localhostProfile`, 4095));
      return errs;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      return local !== undefined
        ? [
            fe.invalid(
              `${path}.localhostProfile`,
              local,
              'can only be set when AppArmor type is Localhost',
            ),
          ]
        : [];
    case '':
      return [fe.required(`${path}.type`, 'type is required when appArmorProfile is set')];
    default:
      return [fe.notSupported(`${path}.type`, type, ['Localhost', 'RuntimeDefault', 'Unconfined'])];
  }
}

/** ValidateSecurityContext (container level). */
function validateSecurityContext(
  sc: Obj | undefined,
  path: string,
  hostUsers: boolean,
): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  const runAsUser = optNum(sc, 'runAsUser');
  if (runAsUser !== undefined)
    for (const m of isValidUserID(runAsUser))
      errs.push(fe.invalid(`${path}.runAsUser`, runAsUser, m));
  const runAsGroup = optNum(sc, 'runAsGroup');
  if (runAsGroup !== undefined)
    for (const m of isValidGroupID(runAsGroup))
      errs.push(fe.invalid(`${path}.runAsGroup`, runAsGroup, m));
  const procMount = optStr(sc, 'procMount');
  if (procMount !== undefined) {
    if (procMount !== 'Default' && procMount !== 'Unmasked')
      errs.push(fe.notSupported(`${path}.procMount`, procMount, ['Default', 'Unmasked']));
    if (hostUsers && procMount === 'Unmasked')
      errs.push(
        fe.invalid(`${path}.procMount`, procMount, '`hostUsers` must be false to use `Unmasked`'),
      );
  }
  errs.push(...validateSeccompProfile(obj(sc, 'seccompProfile'), `${path}.seccompProfile`));
  if (sc.allowPrivilegeEscalation === false) {
    const shown = fe.raw('&core.SecurityContext{...}');
    if (sc.privileged === true)
      errs.push(
        fe.invalid(
          path,
          shown,
          'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
        ),
      );
    for (const cap of strings(obj(sc, 'capabilities'), 'add')) {
      if (cap === 'CAP_SYS_ADMIN')
        errs.push(
          fe.invalid(
            path,
            shown,
            'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
          ),
        );
    }
  }
  errs.push(...validateAppArmorProfile(obj(sc, 'appArmorProfile'), `${path}.appArmorProfile`));
  return errs;
}

function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fe.invalid(path, port, m));
  const name = typeof port === 'string' ? port : '';
  return isValidPortName(name).map((m) => fe.invalid(path, name, m));
}

/** validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes), sleep (lifecycle hooks). */
function validateHandler(
  handler: Obj,
  kinds: readonly string[],
  gracePeriod: number | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of kinds) {
    const h = obj(handler, kind);
    if (!h) continue;
    if (count > 0) {
      errs.push(fe.forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    const p = `${path}.${kind}`;
    if (kind === 'exec' && strings(h, 'command').length === 0)
      errs.push(fe.required(`${p}.command`));
    if (kind === 'httpGet') {
      if (!str(h, 'path')) errs.push(fe.required(`${p}.path`));
      errs.push(...validatePortNumOrName(h.port, `${p}.port`));
      const scheme = str(h, 'scheme');
      if (scheme !== 'HTTP' && scheme !== 'HTTPS')
        errs.push(fe.notSupported(`${p}.scheme`, scheme, ['HTTP', 'HTTPS']));
      for (const header of list(h, 'httpHeaders')) {
        for (const m of isHTTPHeaderName(str(header, 'name')))
          errs.push(fe.invalid(`${p}.httpHeaders`, str(header, 'name'), m));
      }
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(h.port, `${p}.port`));
    if (kind === 'grpc') errs.push(...validatePortNumOrName(num(h, 'port'), `${p}.port`));
    if (kind === 'sleep') {
      const seconds = num(h, 'seconds');
      if (gracePeriod !== undefined && (seconds < 0 || seconds > gracePeriod)) {
        errs.push(
          fe.invalid(
            p,
            seconds,
            `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`,
          ),
        );
      }
    }
  }
  if (count === 0) errs.push(fe.required(path, 'must specify a handler type'));
  return errs;
}

const probeHandlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const lifecycleHandlers = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

function validateProbe(
  probe: Obj | undefined,
  kind: 'liveness' | 'readiness' | 'startup',
  gracePeriod: number | undefined,
  path: string,
): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler(probe, probeHandlers, gracePeriod, path);
  for (const key of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    errs.push(...nonNegative(num(probe, key), `${path}.${key}`));
  }
  const probeGrace = optNum(probe, 'terminationGracePeriodSeconds');
  if (probeGrace !== undefined && probeGrace <= 0)
    errs.push(
      fe.invalid(`${path}.terminationGracePeriodSeconds`, probeGrace, 'must be greater than 0'),
    );
  if (kind !== 'readiness' && num(probe, 'successThreshold') !== 1) {
    errs.push(fe.invalid(`${path}.successThreshold`, num(probe, 'successThreshold'), 'must be 1'));
  }
  if (kind === 'readiness' && probeGrace !== undefined) {
    errs.push(
      fe.invalid(
        `${path}.terminationGracePeriodSeconds`,
        probeGrace,
        'must not be set for readinessProbes',
      ),
    );
  }
  return errs;
}

function validateLifecycle(
  lifecycle: Obj,
  gracePeriod: number | undefined,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    const handler = obj(lifecycle, hook);
    if (handler)
      errs.push(...validateHandler(handler, lifecycleHandlers, gracePeriod, `${path}.${hook}`));
  }
  return errs;
}

export interface ContainerContext {
  volumes: ReadonlyMap<string, Obj>;
  gracePeriod: number | undefined;
  podRestartPolicy: string;
  hostUsers: boolean;
}

/** validateContainerCommon: what every container kind must satisfy. */
function validateContainerCommon(c: Obj, ctx: ContainerContext, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c, 'name');
  if (!name) errs.push(fe.required(`${path}.name`));
  else for (const m of isDNS1123Label(name)) errs.push(fe.invalid(`${path}.name`, name, m));
  if (!str(c, 'image')) errs.push(fe.required(`${path}.image`));
  const tmp = str(c, 'terminationMessagePolicy');
  if (!tmp) errs.push(fe.required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(
      fe.notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']),
    );
  }
  errs.push(...validatePorts(list(c, 'ports'), `${path}.ports`));
  errs.push(...validateEnv(list(c, 'env'), `${path}.env`));
  errs.push(...validateEnvFrom(list(c, 'envFrom'), `${path}.envFrom`));
  errs.push(...validateVolumeMounts(c, ctx.volumes, `${path}.volumeMounts`));
  errs.push(...validateVolumeDevices(c, ctx.volumes, `${path}.volumeDevices`));
  const pull = str(c, 'imagePullPolicy');
  if (!pull) errs.push(fe.required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull))
    errs.push(
      fe.notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']),
    );
  errs.push(...validateResourceRequirements(obj(c, 'resources'), `${path}.resources`));
  errs.push(
    ...validateResizePolicy(list(c, 'resizePolicy'), `${path}.resizePolicy`, ctx.podRestartPolicy),
  );
  errs.push(
    ...validateSecurityContext(obj(c, 'securityContext'), `${path}.securityContext`, ctx.hostUsers),
  );
  return errs;
}

function hostPortConflicts(containers: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    list(c, 'ports').forEach((port, pi) => {
      const hostPort = num(port, 'hostPort');
      if (hostPort === 0) return;
      const key = `${str(port, 'protocol')}/${str(port, 'hostIP')}/${hostPort}`;
      if (seen.has(key)) errs.push(fe.duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

/** validateContainers: at least one; common rules; unique names; hooks, probes; no restartPolicy. */
export function validateContainers(
  containers: Obj[],
  ctx: ContainerContext,
  path: string,
): FieldError[] {
  if (containers.length === 0) return [fe.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, ctx, p));
    const name = str(c, 'name');
    if (names.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
    else names.add(name);
    const lifecycle = obj(c, 'lifecycle');
    if (lifecycle) errs.push(...validateLifecycle(lifecycle, ctx.gracePeriod, `${p}.lifecycle`));
    errs.push(
      ...validateProbe(obj(c, 'livenessProbe'), 'liveness', ctx.gracePeriod, `${p}.livenessProbe`),
    );
    errs.push(
      ...validateProbe(
        obj(c, 'readinessProbe'),
        'readiness',
        ctx.gracePeriod,
        `${p}.readinessProbe`,
      ),
    );
    errs.push(
      ...validateProbe(obj(c, 'startupProbe'), 'startup', ctx.gracePeriod, `${p}.startupProbe`),
    );
    if (has(c, 'restartPolicy'))
      errs.push(fe.forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

/** validateInitContainers: names unique across both lists; only sidecars (restartPolicy Always) get hooks and probes. */
export function validateInitContainers(
  inits: Obj[],
  regular: Obj[],
  ctx: ContainerContext,
  path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c, 'name')));
  inits.forEach((c, i) => {
    const p = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, ctx, p));
    const policy = optStr(c, 'restartPolicy');
    if (policy !== undefined && policy !== 'Always')
      errs.push(fe.notSupported(`${p}.restartPolicy`, policy, ['Always']));
    const sidecar = policy === 'Always';
    const name = str(c, 'name');
    if (names.has(name)) errs.push(fe.duplicate(`${p}.name`, name));
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], path));
    if (sidecar) {
      const lifecycle = obj(c, 'lifecycle');
      if (lifecycle) errs.push(...validateLifecycle(lifecycle, ctx.gracePeriod, `${p}.lifecycle`));
      errs.push(
        ...validateProbe(
          obj(c, 'livenessProbe'),
          'liveness',
          ctx.gracePeriod,
          `${p}.livenessProbe`,
        ),
      );
      errs.push(
        ...validateProbe(
          obj(c, 'readinessProbe'),
          'readiness',
          ctx.gracePeriod,
          `${p}.readinessProbe`,
        ),
      );
      errs.push(
        ...validateProbe(obj(c, 'startupProbe'), 'startup', ctx.gracePeriod, `${p}.startupProbe`),
      );
    } else {
      for (const key of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        if (has(c, key))
          errs.push(
            fe.forbidden(
              `${p}.${key}`,
              'may not be set for init containers without restartPolicy=Always',
            ),
          );
      }
    }
  });
  return errs;
}

/** validateContainerOnlyForPod: no leading or trailing whitespace in image (pods, not templates). */
export function validateImageWhitespace(containers: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    const image = str(c, 'image');
    if (image.trim() !== image)
      errs.push(
        fe.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'),
      );
  });
  return errs;
}
