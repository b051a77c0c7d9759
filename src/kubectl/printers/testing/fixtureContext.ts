/**
 * Shared pieces of the printer fixtures: a clock relative to a base second and sequential UIDs,
 * and the defaults the API server's admission gives every pod.
 */
import { formatMicroTime, formatTime } from '../../../kube/time.ts';
import type { Pod } from '../../../kube/types.ts';

export const S = 1000;
export const M = 60 * S;
export const H = 60 * M;
export const D = 24 * H;

export class FixtureContext {
  private uids = 0;
  constructor(readonly base: number) {}
  /** metav1.Time `ms` before the base. */
  ago = (ms: number): string => formatTime(this.base - ms);
  /** metav1.MicroTime `ms` before the base. */
  agoMicro = (ms: number): string => formatMicroTime(this.base - ms);
  /** The next UID; UIDs are sequential so fixtures are the same on every run. */
  uid = (): string => `6f1c2d3e-0000-4000-8000-${String(++this.uids).padStart(12, '0')}`;
  /** How many UIDs have been handed out (used for resourceVersions). */
  get count(): number {
    return this.uids;
  }
}

/** The admission-time defaults every pod carries (service account volume, tolerations). */
export function defaultedSpec(
  name: string,
  spec: Partial<NonNullable<Pod['spec']>>,
): NonNullable<Pod['spec']> {
  return {
    restartPolicy: 'Always',
    dnsPolicy: 'ClusterFirst',
    schedulerName: 'default-scheduler',
    serviceAccountName: 'default',
    serviceAccount: 'default',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    tolerations: [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
    volumes: [
      {
        name: `kube-api-access-${name.length % 10}x7qz`,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [
                  {
                    path: 'namespace',
                    fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                  },
                ],
              },
            },
          ],
        },
      },
    ],
    containers: [],
    ...spec,
  };
}

export const container = (name: string, image = 'wasi/hello:1.0') => ({
  name,
  image,
  imagePullPolicy: 'IfNotPresent',
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
});
