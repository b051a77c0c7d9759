/**
 * Blocks of `kubectl describe pod` for the in-tree volume plugins (cloud disks, iSCSI, Ceph, …) that
 * kubectl v1.33 still explains, ported from describe.go's print*VolumeSource functions, plus the
 * helpers all volume blocks share.
 */
import type { Volume } from 'kubernetes-types/core/v1';
import type { PrefixWriter } from './describeWriter.ts';
import { goRef, goV } from './goValues.ts';

/** A volume, with the v1.33 image source kubernetes-types 1.30 does not know. */
export type Source = Volume & { image?: { reference?: string; pullPolicy?: string } };
export type VolumePrinter = (v: Source, w: PrefixWriter) => void;

export const optional = (o: { optional?: boolean } | undefined): string =>
  String(o?.optional === true);

/** "Type:\t<title>" then "    <Field>:\t<value>" lines, written as one Write at level 2 like Go. */
export function block(w: PrefixWriter, title: string, fields: [string, string][]): void {
  const lines = fields.map(([name, value]) => `    ${name}\t${value}\n`).join('');
  w.write(2, `Type:\t${title}\n${lines}`);
}

export const legacyVolumePrinters: Partial<Record<keyof Source, VolumePrinter>> = {
  gcePersistentDisk: (v, w) =>
    block(w, 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [
      ['PDName:', goV(v.gcePersistentDisk!.pdName)],
      ['FSType:', goV(v.gcePersistentDisk!.fsType)],
      ['Partition:', goV(v.gcePersistentDisk!.partition, 'number')],
      ['ReadOnly:', goV(v.gcePersistentDisk!.readOnly, 'bool')],
    ]),
  awsElasticBlockStore: (v, w) =>
    block(w, 'AWSElasticBlockStore (a Persistent Disk resource in AWS)', [
      ['VolumeID:', goV(v.awsElasticBlockStore!.volumeID)],
      ['FSType:', goV(v.awsElasticBlockStore!.fsType)],
      ['Partition:', goV(v.awsElasticBlockStore!.partition, 'number')],
      ['ReadOnly:', goV(v.awsElasticBlockStore!.readOnly, 'bool')],
    ]),
  gitRepo: (v, w) =>
    block(w, 'GitRepo (a volume that is pulled from git when the pod is created)', [
      ['Repository:', goV(v.gitRepo!.repository)],
      ['Revision:', goV(v.gitRepo!.revision)],
    ]),
  iscsi: (v, w) => {
    const s = v.iscsi!;
    block(
      w,
      "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)",
      [
        ['TargetPortal:', goV(s.targetPortal)],
        ['IQN:', goV(s.iqn)],
        ['Lun:', goV(s.lun, 'number')],
        ['ISCSIInterface', goV(s.iscsiInterface)],
        ['FSType:', goV(s.fsType)],
        ['ReadOnly:', goV(s.readOnly, 'bool')],
        ['Portals:', goV(s.portals ?? [])],
        ['DiscoveryCHAPAuth:', goV(s.chapAuthDiscovery, 'bool')],
        ['SessionCHAPAuth:', goV(s.chapAuthSession, 'bool')],
        ['SecretRef:', goRef('LocalObjectReference', s.secretRef)],
        ['InitiatorName:', s.initiatorName ?? '<none>'],
      ],
    );
  },
  glusterfs: (v, w) =>
    block(w, "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [
      ['EndpointsName:', goV(v.glusterfs!.endpoints)],
      ['Path:', goV(v.glusterfs!.path)],
      ['ReadOnly:', goV(v.glusterfs!.readOnly, 'bool')],
    ]),
  rbd: (v, w) => {
    const s = v.rbd!;
    block(w, "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)", [
      ['CephMonitors:', goV(s.monitors ?? [])],
      ['RBDImage:', goV(s.image)],
      ['FSType:', goV(s.fsType)],
      ['RBDPool:', goV(s.pool)],
      ['RadosUser:', goV(s.user)],
      ['Keyring:', goV(s.keyring)],
      ['SecretRef:', goRef('LocalObjectReference', s.secretRef)],
      ['ReadOnly:', goV(s.readOnly, 'bool')],
    ]);
  },
  quobyte: (v, w) =>
    block(w, "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [
      ['Registry:', goV(v.quobyte!.registry)],
      ['Volume:', goV(v.quobyte!.volume)],
      ['ReadOnly:', goV(v.quobyte!.readOnly, 'bool')],
    ]),
  azureDisk: (v, w) =>
    block(w, 'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)', [
      ['DiskName:', goV(v.azureDisk!.diskName)],
      ['DiskURI:', goV(v.azureDisk!.diskURI)],
      ['Kind: ', goV(v.azureDisk!.kind)],
      ['FSType:', goV(v.azureDisk!.fsType)],
      ['CachingMode:', goV(v.azureDisk!.cachingMode)],
      ['ReadOnly:', goV(v.azureDisk!.readOnly, 'bool')],
    ]),
  vsphereVolume: (v, w) =>
    block(w, 'vSphereVolume (a Persistent Disk resource in vSphere)', [
      ['VolumePath:', goV(v.vsphereVolume!.volumePath)],
      ['FSType:', goV(v.vsphereVolume!.fsType)],
      ['StoragePolicyName:', goV(v.vsphereVolume!.storagePolicyName)],
    ]),
  cinder: (v, w) =>
    block(w, 'Cinder (a Persistent Disk resource in OpenStack)', [
      ['VolumeID:', goV(v.cinder!.volumeID)],
      ['FSType:', goV(v.cinder!.fsType)],
      ['ReadOnly:', goV(v.cinder!.readOnly, 'bool')],
      ['SecretRef:', goRef('LocalObjectReference', v.cinder!.secretRef)],
    ]),
  photonPersistentDisk: (v, w) =>
    block(w, 'PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [
      ['PdID:', goV(v.photonPersistentDisk!.pdID)],
      ['FSType:', goV(v.photonPersistentDisk!.fsType)],
    ]),
  portworxVolume: (v, w) =>
    block(w, 'PortworxVolume (a Portworx Volume resource)', [
      ['VolumeID:', goV(v.portworxVolume!.volumeID)],
    ]),
  scaleIO: (v, w) => {
    const s = v.scaleIO!;
    block(w, 'ScaleIO (a persistent volume backed by a block device in ScaleIO)', [
      ['Gateway:', goV(s.gateway)],
      ['System:', goV(s.system)],
      ['Protection Domain:', goV(s.protectionDomain)],
      ['Storage Pool:', goV(s.storagePool)],
      ['Storage Mode:', goV(s.storageMode)],
      ['VolumeName:', goV(s.volumeName)],
      ['FSType:', goV(s.fsType)],
      ['ReadOnly:', goV(s.readOnly, 'bool')],
    ]);
  },
  cephfs: (v, w) => {
    const s = v.cephfs!;
    block(w, "CephFS (a CephFS mount on the host that shares a pod's lifetime)", [
      ['Monitors:', goV(s.monitors ?? [])],
      ['Path:', goV(s.path)],
      ['User:', goV(s.user)],
      ['SecretFile:', goV(s.secretFile)],
      ['SecretRef:', goRef('LocalObjectReference', s.secretRef)],
      ['ReadOnly:', goV(s.readOnly, 'bool')],
    ]);
  },
  storageos: (v, w) =>
    block(w, 'StorageOS (a StorageOS Persistent Disk resource)', [
      ['VolumeName:', goV(v.storageos!.volumeName)],
      ['VolumeNamespace:', goV(v.storageos!.volumeNamespace)],
      ['FSType:', goV(v.storageos!.fsType)],
      ['ReadOnly:', goV(v.storageos!.readOnly, 'bool')],
    ]),
  fc: (v, w) =>
    block(w, 'FC (a Fibre Channel disk)', [
      ['TargetWWNs:', (v.fc!.targetWWNs ?? []).join(', ')],
      ['LUN:', v.fc!.lun === undefined ? '<none>' : String(v.fc!.lun)],
      ['FSType:', goV(v.fc!.fsType)],
      ['ReadOnly:', goV(v.fc!.readOnly, 'bool')],
    ]),
  azureFile: (v, w) =>
    block(w, 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [
      ['SecretName:', goV(v.azureFile!.secretName)],
      ['ShareName:', goV(v.azureFile!.shareName)],
      ['ReadOnly:', goV(v.azureFile!.readOnly, 'bool')],
    ]),
  flexVolume: (v, w) =>
    block(
      w,
      'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)',
      [
        ['Driver:', goV(v.flexVolume!.driver)],
        ['FSType:', goV(v.flexVolume!.fsType)],
        ['SecretRef:', goRef('LocalObjectReference', v.flexVolume!.secretRef)],
        ['ReadOnly:', goV(v.flexVolume!.readOnly, 'bool')],
        ['Options:', goV(v.flexVolume!.options ?? {})],
      ],
    ),
  flocker: (v, w) =>
    block(w, 'Flocker (a Flocker volume mounted by the Flocker agent)', [
      ['DatasetName:', goV(v.flocker!.datasetName)],
      ['DatasetUUID:', goV(v.flocker!.datasetUUID)],
    ]),
};
