/**
 * Pod volume validation (ValidateVolumes and validateVolumeSource of k8s.io/kubernetes
 * pkg/apis/core/validation, v1.33), including its quirks: error paths such as `downwarAPI`,
 * `persistentDisk`, `cephfs` and the unindexed downward API file paths are Kubernetes' own.
 */
import { formatQuantity, parseQuantity, quantitySign } from '../../kube/quantity.ts';
import { bool, has, list, num, obj, optNum, str, strings, type Obj } from './access.ts';
import * as fe from './fieldErrors.ts';
import type { FieldError } from './fieldErrors.ts';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  nameIsDNSSubdomain,
} from './names.ts';
import { validateAnnotations, validateLabels } from './validateMeta.ts';
import { convertiblePodFieldLabels as convertibleLabels } from '../../kube/podFieldLabels.ts';

export const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';

/** validatePathNoBacksteps: no `..` element. */
export function validatePathNoBacksteps(path: string, field: string): FieldError[] {
  return path.split('/').includes('..') ? [fe.invalid(field, path, "must not contain '..'")] : [];
}

/** validateLocalDescendingPath: relative, no `..` element. */
export function validateLocalDescendingPath(path: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (path.startsWith('/')) errs.push(fe.invalid(field, path, 'must be a relative path'));
  return [...errs, ...validatePathNoBacksteps(path, field)];
}

/** ValidateLocalNonReservedPath: as above, and not starting with `..`. */
export function validateLocalNonReservedPath(path: string, field: string): FieldError[] {
  const errs = validateLocalDescendingPath(path, field);
  if (path.startsWith('..') && !path.startsWith('../'))
    errs.push(fe.invalid(field, path, "must not start with '..'"));
  return errs;
}

function validateMode(source: Obj | undefined, key: string, field: string): FieldError[] {
  const mode = optNum(source, key);
  return mode !== undefined && (mode > 0o777 || mode < 0)
    ? [fe.invalid(field, mode, fileModeErrorMsg)]
    : [];
}

function validateKeyToPath(kp: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(kp, 'key')) errs.push(fe.required(`${path}.key`));
  if (!str(kp, 'path')) errs.push(fe.required(`${path}.path`));
  errs.push(...validateLocalNonReservedPath(str(kp, 'path'), `${path}.path`));
  errs.push(...validateMode(kp, 'mode', `${path}.mode`));
  return errs;
}

const volumeFieldPaths = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.labels',
  'metadata.annotations',
  'metadata.uid',
]);
export const envFieldPaths = new Set([
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → ['metadata.labels', 'app']. */
function splitSubscript(path: string): [string, string] | undefined {
  if (!path.endsWith("']")) return undefined;
  const s = path.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return [s.slice(0, i), s.slice(i + 2)];
}

/** validateObjectFieldSelector, with ConvertDownwardAPIFieldLabel's conversion errors. */
export function validateObjectFieldSelector(
  fs: Obj,
  expressions: ReadonlySet<string>,
  path: string,
): FieldError[] {
  const apiVersion = str(fs, 'apiVersion');
  const fieldPath = str(fs, 'fieldPath');
  if (!apiVersion) return [fe.required(`${path}.apiVersion`)];
  if (!fieldPath) return [fe.required(`${path}.fieldPath`)];
  let conversionError = '';
  const sub = splitSubscript(fieldPath);
  if (apiVersion !== 'v1') conversionError = `unsupported pod version: ${apiVersion}`;
  else if (sub && sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') {
    conversionError = `field label does not support subscript: ${fieldPath}`;
  } else if (!sub && !convertibleLabels.has(fieldPath) && fieldPath !== 'spec.host') {
    conversionError = `field label not supported: ${fieldPath}`;
  }
  if (conversionError)
    return [
      fe.invalid(`${path}.fieldPath`, fieldPath, `error converting fieldPath: ${conversionError}`),
    ];
  if (sub) {
    const name = sub[0] === 'metadata.annotations' ? sub[1].toLowerCase() : sub[1];
    return isQualifiedName(name).map((msg) => fe.invalid(path, name, msg));
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!expressions.has(internal))
    return [fe.notSupported(`${path}.fieldPath`, internal, [...expressions].sort())];
  return [];
}

const resourceFieldPaths = new Set([
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
]);
const memoryDivisors = new Set([
  '1',
  '1k',
  '1M',
  '1G',
  '1T',
  '1P',
  '1E',
  '1Ki',
  '1Mi',
  '1Gi',
  '1Ti',
  '1Pi',
  '1Ei',
]);
const divisorList = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/** validateContainerResourceFieldSelector (downward API resourceFieldRef). */
export function validateResourceFieldSelector(
  fs: Obj,
  path: string,
  volume: boolean,
): FieldError[] {
  const errs: FieldError[] = [];
  const resource = str(fs, 'resource');
  if (volume && !str(fs, 'containerName')) errs.push(fe.required(`${path}.containerName`));
  else if (!resource) errs.push(fe.required(`${path}.resource`));
  else if (
    !resourceFieldPaths.has(resource) &&
    !resource.startsWith('limits.hugepages-') &&
    !resource.startsWith('requests.hugepages-')
  ) {
    errs.push(fe.notSupported(`${path}.resource`, resource, [...resourceFieldPaths].sort()));
  }
  const divisorText = fs.divisor === undefined ? '' : String(fs.divisor);
  let divisor = '';
  try {
    if (divisorText && quantitySign(parseQuantity(divisorText)) !== 0)
      divisor = formatQuantity(parseQuantity(divisorText));
  } catch {
    divisor = divisorText;
  }
  if (!divisor) return errs;
  const bad = (what: string, list: string) =>
    errs.push(
      fe.invalid(
        `${path}.divisor`,
        resource,
        `only divisor's values ${list} are supported with the ${what}`,
      ),
    );
  if (
    (resource === 'limits.cpu' || resource === 'requests.cpu') &&
    divisor !== '1m' &&
    divisor !== '1'
  )
    bad('cpu resource', '1m and 1');
  if (
    (resource === 'limits.memory' || resource === 'requests.memory') &&
    !memoryDivisors.has(divisor)
  )
    bad('memory resource', divisorList);
  if (
    (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') &&
    !memoryDivisors.has(divisor)
  ) {
    bad('local ephemeral storage resource', divisorList);
  }
  if (
    (resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) &&
    !memoryDivisors.has(divisor)
  ) {
    bad('hugepages resource', divisorList);
  }
  return errs;
}

function validateDownwardAPIFile(file: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(file, 'path')) errs.push(fe.required(`${path}.path`));
  errs.push(...validateLocalNonReservedPath(str(file, 'path'), `${path}.path`));
  const fieldRef = obj(file, 'fieldRef');
  const resourceRef = obj(file, 'resourceFieldRef');
  if (fieldRef) {
    errs.push(...validateObjectFieldSelector(fieldRef, volumeFieldPaths, `${path}.fieldRef`));
    if (resourceRef)
      errs.push(
        fe.invalid(
          path,
          'resource',
          'fieldRef and resourceFieldRef can not be specified simultaneously',
        ),
      );
  } else if (resourceRef) {
    errs.push(...validateResourceFieldSelector(resourceRef, `${path}.resourceFieldRef`, true));
  } else {
    errs.push(fe.required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...validateMode(file, 'mode', `${path}.mode`));
  return errs;
}

/** A projected volume's file path, refused when an earlier source wrote it too. */
function track(
  paths: Set<string>,
  errs: FieldError[],
  path: string,
  file: string,
  badValue: string,
): void {
  if (paths.has(file)) errs.push(fe.invalid(path, badValue, 'conflicting duplicate paths'));
  else paths.add(file);
}

function validateProjected(projected: Obj, path: string): FieldError[] {
  const errs = validateMode(projected, 'defaultMode', `${path}.defaultMode`);
  const paths = new Set<string>();
  list(projected, 'sources').forEach((source, i) => {
    const srcPath = `${path}.sources[${i}]`;
    let count = 0;
    for (const kind of ['secret', 'configMap'] as const) {
      const ref = obj(source, kind);
      if (!ref) continue;
      count++;
      if (!str(ref, 'name')) errs.push(fe.required(`${srcPath}.${kind}.name`));
      list(ref, 'items').forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, `${srcPath}.${kind}.items[${j}]`));
        if (str(kp, 'path')) track(paths, errs, path, str(kp, 'path'), str(ref, 'name'));
      });
    }
    const downward = obj(source, 'downwardAPI');
    if (downward) {
      count++;
      for (const file of list(downward, 'items')) {
        errs.push(...validateDownwardAPIFile(file, `${srcPath}.downwardAPI`));
        if (str(file, 'path')) track(paths, errs, path, str(file, 'path'), str(file, 'path'));
      }
    }
    const token = obj(source, 'serviceAccountToken');
    if (token) {
      count++;
      const seconds = num(token, 'expirationSeconds');
      if (seconds < 600)
        errs.push(
          fe.invalid(
            `${srcPath}.serviceAccountToken.expirationSeconds`,
            seconds,
            'may not specify a duration less than 10 minutes',
          ),
        );
      if (seconds > 2 ** 32)
        errs.push(
          fe.invalid(
            `${srcPath}.serviceAccountToken.expirationSeconds`,
            seconds,
            'may not specify a duration larger than 2^32 seconds',
          ),
        );
      if (!str(token, 'path')) errs.push(fe.required(`${path}.path`));
      else errs.push(...validateLocalNonReservedPath(str(token, 'path'), `${path}.path`));
    }
    if (count > 1)
      errs.push(fe.forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

const hostPathTypes = [
  '',
  'DirectoryOrCreate',
  'Directory',
  'FileOrCreate',
  'File',
  'Socket',
  'CharDevice',
  'BlockDevice',
];

type SourceCheck = (source: Obj, path: string, volName: string) => FieldError[];
const requireFields =
  (...keys: string[]): SourceCheck =>
  (source, path) =>
    keys
      .filter(
        (k) =>
          !has(source, k) ||
          (Array.isArray(source[k]) && (source[k] as unknown[]).length === 0) ||
          source[k] === '',
      )
      .map((k) => fe.required(`${path}.${k}`));

/**
 * Volume sources in the order Kubernetes checks them (the internal VolumeSource field order), with the
 * path its "more than 1 volume type" error names and the path its own checks use.
 */
const sources: [json: string, forbiddenPath: string, checkPath: string, check: SourceCheck][] = [
  [
    'emptyDir',
    'emptyDir',
    'emptyDir',
    (s, p) => {
      if (s.sizeLimit === undefined) return [];
      try {
        if (quantitySign(parseQuantity(String(s.sizeLimit))) < 0)
          return [
            fe.forbidden(`${p}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'),
          ];
      } catch {
        // rejected while decoding
      }
      return [];
    },
  ],
  [
    'hostPath',
    'hostPath',
    'hostPath',
    (s, p) => {
      if (!str(s, 'path')) return [fe.required(`${p}.path`)];
      const errs = validatePathNoBacksteps(str(s, 'path'), `${p}.path`);
      if (s.type !== undefined && !hostPathTypes.includes(str(s, 'type')))
        errs.push(fe.notSupported(`${p}.type`, str(s, 'type'), [...hostPathTypes].sort()));
      return errs;
    },
  ],
  [
    'gitRepo',
    'gitRepo',
    'gitRepo',
    (s, p) => [
      ...requireFields('repository')(s, p, ''),
      ...validateLocalDescendingPath(str(s, 'directory'), `${p}.directory`),
    ],
  ],
  [
    'gcePersistentDisk',
    'gcePersistentDisk',
    'persistentDisk',
    (s, p) => {
      const errs = requireFields('pdName')(s, p, '');
      if (num(s, 'partition') < 0 || num(s, 'partition') > 255)
        errs.push(
          fe.invalid(`${p}.partition`, num(s, 'partition'), 'must be between 1 and 255, inclusive'),
        );
      return errs;
    },
  ],
  [
    'awsElasticBlockStore',
    'awsElasticBlockStore',
    'awsElasticBlockStore',
    (s, p) => {
      const errs = requireFields('volumeID')(s, p, '');
      if (num(s, 'partition') < 0 || num(s, 'partition') > 255)
        errs.push(
          fe.invalid(`${p}.partition`, num(s, 'partition'), 'must be between 1 and 255, inclusive'),
        );
      return errs;
    },
  ],
  [
    'secret',
    'secret',
    'secret',
    (s, p) => [
      ...requireFields('secretName')(s, p, ''),
      ...validateMode(s, 'defaultMode', `${p}.defaultMode`),
      ...list(s, 'items').flatMap((kp, i) => validateKeyToPath(kp, `${p}.items[${i}]`)),
    ],
  ],
  [
    'nfs',
    'nfs',
    'nfs',
    (s, p) => {
      const errs = requireFields('server', 'path')(s, p, '');
      if (!str(s, 'path').startsWith('/'))
        errs.push(fe.invalid(`${p}.path`, str(s, 'path'), 'must be an absolute path'));
      return errs;
    },
  ],
  [
    'iscsi',
    'iscsi',
    'iscsi',
    (s, p, volName) => {
      const errs = requireFields('targetPortal', 'iqn')(s, p, '');
      if (num(s, 'lun') < 0 || num(s, 'lun') > 255)
        errs.push(fe.invalid(`${p}.lun`, num(s, 'lun'), 'must be between 0 and 255, inclusive'));
      if ((bool(s, 'chapAuthDiscovery') || bool(s, 'chapAuthSession')) && !has(s, 'secretRef'))
        errs.push(fe.required(`${p}.secretRef`));
      if (has(s, 'initiatorName') && `${volName}:${str(s, 'targetPortal')}`.length > 64) {
        errs.push(
          fe.invalid(
            p.replace(/\.iscsi$/, '.name'),
            volName,
            'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.',
          ),
        );
      }
      return errs;
    },
  ],
  [
    'glusterfs',
    'glusterfs',
    'glusterfs',
    (s, p) => {
      const errs: FieldError[] = [];
      if (!str(s, 'endpoints')) errs.push(fe.required(`${p}.endpoints`));
      if (!str(s, 'path')) errs.push(fe.required(`${p}.path`));
      return errs;
    },
  ],
  [
    'flocker',
    'flocker',
    'flocker',
    (s, p) => {
      const errs: FieldError[] = [];
      const [name, uuid] = [str(s, 'datasetName'), str(s, 'datasetUUID')];
      if (!name && !uuid)
        errs.push(fe.required(p, 'one of datasetName and datasetUUID is required'));
      if (name && uuid)
        errs.push(
          fe.invalid(
            p,
            'resource',
            'datasetName and datasetUUID can not be specified simultaneously',
          ),
        );
      if (name.includes('/'))
        errs.push(fe.invalid(`${p}.datasetName`, name, "must not contain '/'"));
      return errs;
    },
  ],
  [
    'persistentVolumeClaim',
    'persistentVolumeClaim',
    'persistentVolumeClaim',
    requireFields('claimName'),
  ],
  [
    'rbd',
    'rbd',
    'rbd',
    (s, p) => {
      const errs: FieldError[] = [];
      if (strings(s, 'monitors').length === 0) errs.push(fe.required(`${p}.monitors`));
      if (!str(s, 'image')) errs.push(fe.required(`${p}.image`));
      return errs;
    },
  ],
  ['cinder', 'cinder', 'cinder', requireFields('volumeID')],
  [
    'cephfs',
    'cephFS',
    'cephfs',
    (s, p) => (strings(s, 'monitors').length === 0 ? [fe.required(`${p}.monitors`)] : []),
  ],
  [
    'quobyte',
    'quobyte',
    'quobyte',
    (s, p) => {
      const errs: FieldError[] = [];
      if (!str(s, 'registry'))
        errs.push(
          fe.required(
            `${p}.registry`,
            'must be a host:port pair or multiple pairs separated by commas',
          ),
        );
      else if (str(s, 'tenant').length >= 65)
        errs.push(
          fe.required(`${p}.tenant`, 'must be a UUID and may not exceed a length of 64 characters'),
        );
      if (!str(s, 'volume')) errs.push(fe.required(`${p}.volume`));
      return errs;
    },
  ],
  [
    'downwardAPI',
    'downwarAPI',
    'downwardAPI',
    (s, p) => [
      ...validateMode(s, 'defaultMode', `${p}.defaultMode`),
      ...list(s, 'items').flatMap((file) => validateDownwardAPIFile(file, p)),
    ],
  ],
  [
    'fc',
    'fc',
    'fc',
    (s, p) => {
      const errs: FieldError[] = [];
      const [wwns, wwids] = [strings(s, 'targetWWNs'), strings(s, 'wwids')];
      if (wwns.length < 1 && wwids.length < 1)
        errs.push(
          fe.required(`${p}.targetWWNs`, 'must specify either targetWWNs or wwids, but not both'),
        );
      if (wwns.length !== 0 && wwids.length !== 0)
        errs.push(
          fe.invalid(
            `${p}.targetWWNs`,
            fe.raw(`[]string{${wwns.map(fe.goQuote).join(', ')}}`),
            'targetWWNs and wwids can not be specified simultaneously',
          ),
        );
      if (wwns.length !== 0) {
        const lun = optNum(s, 'lun');
        if (lun === undefined)
          errs.push(fe.required(`${p}.lun`, 'lun is required if targetWWNs is specified'));
        else if (lun < 0 || lun > 255)
          errs.push(fe.invalid(`${p}.lun`, lun, 'must be between 0 and 255, inclusive'));
      }
      return errs;
    },
  ],
  ['flexVolume', 'flexVolume', 'flexVolume', requireFields('driver')],
  [
    'configMap',
    'configMap',
    'configMap',
    (s, p) => [
      ...requireFields('name')(s, p, ''),
      ...validateMode(s, 'defaultMode', `${p}.defaultMode`),
      ...list(s, 'items').flatMap((kp, i) => validateKeyToPath(kp, `${p}.items[${i}]`)),
    ],
  ],
  ['azureFile', 'azureFile', 'azureFile', requireFields('secretName', 'shareName')],
  ['vsphereVolume', 'vsphereVolume', 'vsphereVolume', requireFields('volumePath')],
  ['photonPersistentDisk', 'photonPersistentDisk', 'photonPersistentDisk', requireFields('pdID')],
  ['portworxVolume', 'portworxVolume', 'portworxVolume', requireFields('volumeID')],
  ['azureDisk', 'azureDisk', 'azureDisk', requireFields('diskName', 'diskURI')],
  [
    'storageos',
    'storageos',
    'storageos',
    (s, p) => {
      if (!str(s, 'volumeName')) return [fe.required(`${p}.volumeName`)];
      return isDNS1123Label(str(s, 'volumeName')).map((m) =>
        fe.invalid(`${p}.volumeName`, str(s, 'volumeName'), m),
      );
    },
  ],
  ['projected', 'projected', 'projected', validateProjected],
  ['scaleIO', 'scaleIO', 'scaleIO', requireFields('gateway', 'system', 'volumeName')],
  [
    'csi',
    'csi',
    'csi',
    (s, p) => {
      const driver = str(s, 'driver');
      const errs: FieldError[] = [];
      if (!driver) errs.push(fe.required(`${p}.driver`));
      if (driver.length > 63) errs.push(fe.tooLong(`${p}.driver`, 63));
      for (const m of isDNS1123Subdomain(driver.toLowerCase()))
        errs.push(fe.invalid(`${p}.driver`, driver, m));
      const secret = obj(s, 'nodePublishSecretRef');
      if (secret) {
        if (!str(secret, 'name')) errs.push(fe.required(`${p}.nodePublishSecretRef.name`));
        else
          for (const m of nameIsDNSSubdomain(str(secret, 'name'), false))
            errs.push(fe.invalid(`${p}.name`, str(secret, 'name'), m));
      }
      return errs;
    },
  ],
  [
    'ephemeral',
    'ephemeral',
    'ephemeral',
    (s, p) => {
      const template = obj(s, 'volumeClaimTemplate');
      if (!template) return [fe.required(`${p}.volumeClaimTemplate`)];
      const meta = obj(template, 'metadata');
      const errs = [
        ...validateAnnotations(
          meta?.annotations as Record<string, string> | undefined,
          `${p}.volumeClaimTemplate.metadata.annotations`,
        ),
        ...validateLabels(
          meta?.labels as Record<string, string> | undefined,
          `${p}.volumeClaimTemplate.metadata.labels`,
        ),
      ];
      for (const key of Object.keys(meta ?? {})) {
        if (key !== 'labels' && key !== 'annotations')
          errs.push(fe.forbidden(`${p}.volumeClaimTemplate.metadata.${key}`, 'cannot be set'));
      }
      return errs;
    },
  ],
  ['image', 'image', 'image', requireFields('reference')],
];

export interface VolumeValidation {
  /** Volumes that passed validation, by name: mounts may only name these. */
  volumes: Map<string, Obj>;
  errors: FieldError[];
}

/** ValidateVolumes: each volume's source, then its name (DNS label, unique). */
export function validateVolumes(volumes: Obj[], path: string): VolumeValidation {
  const valid = new Map<string, Obj>();
  const errors: FieldError[] = [];
  const names = new Set<string>();
  volumes.forEach((vol, i) => {
    const idxPath = `${path}[${i}]`;
    const name = str(vol, 'name');
    const el: FieldError[] = [];
    let count = 0;
    for (const [json, forbiddenPath, checkPath, check] of sources) {
      const source = obj(vol, json);
      if (!source) continue;
      if (count > 0) {
        el.push(
          fe.forbidden(`${idxPath}.${forbiddenPath}`, 'may not specify more than 1 volume type'),
        );
        continue;
      }
      count++;
      el.push(...check(source, `${idxPath}.${checkPath}`, name));
    }
    if (count === 0) el.push(fe.required(idxPath, 'must specify a volume type'));
    if (!name) el.push(fe.required(`${idxPath}.name`));
    else for (const msg of isDNS1123Label(name)) el.push(fe.invalid(`${idxPath}.name`, name, msg));
    if (names.has(name)) el.push(fe.duplicate(`${idxPath}.name`, name));
    if (el.length === 0) {
      names.add(name);
      valid.set(name, vol);
    } else {
      errors.push(...el);
    }
  });
  return { volumes: valid, errors };
}
