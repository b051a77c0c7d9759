/** Test fixtures for the API server: a seeded server on a virtual clock, and object makers. */
import { VirtualClock } from '../../kube/virtualClock.ts';
import type { ConfigMap, Node, Pod } from '../../kube/types.ts';
import { createApiServer, type ApiServerOptions } from '../server.ts';

/** A deterministic pseudo-random source (mulberry32), so uids and names repeat run to run. */
export function seededRandom(seed = 1): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeServer(opts: Partial<ApiServerOptions> = {}) {
  const clock = new VirtualClock();
  const api = createApiServer({ clock, random: seededRandom(), ...opts });
  return { api, clock };
}

export function makePod(name: string, overrides: Partial<Pod> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...overrides.metadata },
    spec: { containers: [{ name: 'app', image: 'hello:v1' }], ...overrides.spec },
    ...(overrides.status ? { status: overrides.status } : {}),
  };
}

export function makeConfigMap(name: string, data: Record<string, string> = {}): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data };
}

export function makeNode(name: string, overrides: Partial<Node> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name }, ...overrides.metadata },
    spec: { ...overrides.spec },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      allocatable: { cpu: '4', memory: '4032800Ki', pods: '110' },
      capacity: { cpu: '4', memory: '4032800Ki', pods: '110' },
      ...overrides.status,
    },
  };
}

/** Lets queued watch deliveries (microtasks) run. */
export const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
