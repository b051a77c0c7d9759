export {
  applyManifest,
  formatError,
  formatOutcome,
  LAST_APPLIED,
  type ApplyAction,
  type ApplyOptions,
  type ApplyOutcome,
} from './apply.ts';
export {
  ManifestError,
  manifestDocs,
  parseManifest,
  resourceFor,
  type ManifestDoc,
} from './manifest.ts';
export { threeWayMergePatch } from './threeWay.ts';
