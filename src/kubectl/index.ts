/**
 * Our kubectl: the command layer (runKubectl), client-side apply, and kubectl's printers. The
 * browser terminal runs it against the in-tab API server; tests compare it with the real kubectl.
 */
export { runKubectl, type KubectlEnv, type KubectlRun } from './commands/kubectl.ts';
export { splitCommandLine, UsageError } from './commands/args.ts';
export {
  applyManifest,
  formatError,
  formatOutcome,
  ManifestError,
  parseManifest,
  type ApplyOutcome,
} from './apply/index.ts';
export type { PodLogs, LogQuery } from '../kubelet-core/podLogs.ts';
