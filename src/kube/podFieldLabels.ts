/**
 * The pod field labels Kubernetes converts for the downward API (ConvertDownwardAPIFieldLabel):
 * what validation accepts in a fieldRef and what the kubelet can resolve.
 */
export const convertiblePodFieldLabels: ReadonlySet<string> = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);
