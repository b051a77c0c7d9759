/** What export and import need, in a chunk of its own: loaded on first use, not at first paint. */
export { exportCluster, prepareImport } from '../../src/cluster/transfer.ts';
export { ManifestError } from '../../src/kubectl/apply/manifest.ts';
export { runKubectl } from '../../src/kubectl/index.ts';
