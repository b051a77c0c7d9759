/**
 * The Volumes section of `kubectl describe pod` (describeVolumes and its print*VolumeSource helpers
 * in k8s.io/kubectl pkg/describe/describe.go, v1.33): one block per volume, its type explained.
 */
import type { PersistentVolumeClaimSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from '../../kube/types.ts';
import { quantitySign } from '../../kube/quantity.ts';
import {
  nestedPrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type PrefixWriter,
} from './describeWriter.ts';
import {
  block,
  legacyVolumePrinters,
  optional,
  type Source,
  type VolumePrinter,
} from './describeLegacyVolumes.ts';
import { quantityOf, quantityText, sortedKeys } from './format.ts';
import { goV } from './goValues.ts';

const L1 = 1;
const L2 = 2;
const L3 = 3;

/** Go's switch order: the first source set on a volume decides its block. */
const sourceOrder = (
  'hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo secret configMap nfs iscsi ' +
  'glusterfs persistentVolumeClaim ephemeral rbd quobyte downwardAPI azureDisk vsphereVolume cinder ' +
  'photonPersistentDisk portworxVolume scaleIO cephfs storageos fc azureFile flexVolume flocker ' +
  'projected csi image'
).split(' ') as (keyof Source)[];

const printers: Partial<Record<keyof Source, VolumePrinter>> = {
  ...legacyVolumePrinters,
  hostPath: (v, w) =>
    block(w, 'HostPath (bare host directory volume)', [
      ['Path:', goV(v.hostPath!.path)],
      ['HostPathType:', v.hostPath!.type ?? '<none>'],
    ]),
  emptyDir: (v, w) => {
    const limit = v.emptyDir!.sizeLimit;
    const where = `volume ${v.name}: emptyDir.sizeLimit`;
    const positive = limit !== undefined && quantitySign(quantityOf(limit, where)) > 0;
    block(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [
      ['Medium:', goV(v.emptyDir!.medium)],
      ['SizeLimit:', positive ? quantityText(limit, where) : '<unset>'],
    ]);
  },
  secret: (v, w) =>
    block(w, 'Secret (a volume populated by a Secret)', [
      ['SecretName:', goV(v.secret!.secretName)],
      ['Optional:', optional(v.secret)],
    ]),
  configMap: (v, w) =>
    block(w, 'ConfigMap (a volume populated by a ConfigMap)', [
      ['Name:', goV(v.configMap!.name)],
      ['Optional:', optional(v.configMap)],
    ]),
  nfs: (v, w) =>
    block(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [
      ['Server:', goV(v.nfs!.server)],
      ['Path:', goV(v.nfs!.path)],
      ['ReadOnly:', goV(v.nfs!.readOnly, 'bool')],
    ]),
  persistentVolumeClaim: (v, w) =>
    block(
      w,
      'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
      [
        ['ClaimName:', goV(v.persistentVolumeClaim!.claimName)],
        ['ReadOnly:', goV(v.persistentVolumeClaim!.readOnly, 'bool')],
      ],
    ),
  ephemeral: (v, w) => {
    w.write(
      L2,
      'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
    );
    const template = v.ephemeral!.volumeClaimTemplate;
    if (template)
      printClaimTemplate(nestedPrefixWriter(w, L2), template.metadata ?? {}, template.spec);
  },
  downwardAPI: (v, w) => {
    w.write(
      L2,
      'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n',
    );
    for (const item of v.downwardAPI!.items ?? []) {
      if (item.fieldRef) w.write(L3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(L3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  },
  projected: (v, w) => {
    w.write(L2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const source of v.projected!.sources ?? []) {
      if (source.secret) {
        w.write(
          L2,
          `SecretName:\t${source.secret.name ?? ''}\n    Optional:\t${optional(source.secret)}\n`,
        );
      } else if (source.downwardAPI) {
        w.write(L2, 'DownwardAPI:\ttrue\n');
      } else if (source.configMap) {
        w.write(
          L2,
          `ConfigMapName:\t${source.configMap.name ?? ''}\n    Optional:\t${optional(source.configMap)}\n`,
        );
      } else if (source.serviceAccountToken) {
        w.write(
          L2,
          `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`,
        );
      }
    }
  },
  csi: (v, w) => {
    const s = v.csi!;
    block(w, 'CSI (a Container Storage Interface (CSI) volume source)', [
      ['Driver:', goV(s.driver)],
      ['FSType:', goV(s.fsType)],
      ['ReadOnly:', String(s.readOnly === true)],
    ]);
    printCSIAttributes(w, s.volumeAttributes);
  },
  image: (v, w) =>
    block(w, 'Image (a container image or OCI artifact)', [
      ['Reference:', goV(v.image!.reference)],
      ['PullPolicy:', goV(v.image!.pullPolicy)],
    ]),
};

/** printCSIPersistentVolumeAttributesMultiline (its WriteLine("<none>") is not indented). */
function printCSIAttributes(w: PrefixWriter, attributes: Record<string, string> | undefined): void {
  w.write(L2, 'VolumeAttributes:\t');
  const keys = sortedKeys(attributes);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(L2, '');
      w.write(L2, '\t');
    }
    const line = `${key}=${attributes![key]}`;
    const bytes = new TextEncoder().encode(line);
    w.write(
      L2,
      bytes.length > 140 ? `${new TextDecoder().decode(bytes.subarray(0, 140))}...\n` : `${line}\n`,
    );
  });
}

/** printPersistentVolumeClaim(isFullPVC=false) for an ephemeral volume's claim template. */
function printClaimTemplate(
  w: PrefixWriter,
  meta: ObjectMeta,
  spec: PersistentVolumeClaimSpec,
): void {
  const storageClass =
    spec.storageClassName ?? meta.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
  w.write(0, `StorageClass:\t${storageClass}\n`);
  w.write(0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  // A template has no bound volume, so capacity and access modes stay empty.
  w.write(0, 'Capacity:\t\n');
  w.write(0, 'Access Modes:\t\n');
  if (spec.volumeMode) w.write(0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(0, 'DataSource:\n');
    if (spec.dataSource.apiGroup) w.write(1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(1, `Name:\t${spec.dataSource.name}\n`);
  }
}

/** describeVolumes: "Volumes:\t<none>" or one block per volume. */
export function describeVolumes(
  volumes: readonly Source[] | undefined,
  w: PrefixWriter,
  space = '',
): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const volume of volumes) {
    w.write(L1, `${nameIndent}${volume.name}:\n`);
    const field = sourceOrder.find((f) => volume[f] !== undefined && volume[f] !== null);
    const printer = field && printers[field];
    if (printer) printer(volume, w);
    else w.write(L1, '<unknown>\n');
  }
}
