import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../kube/types.ts';
import { nodeAllocatable, podResources, ResourceError } from './resources.ts';

const c = (
  name: string,
  requests: Record<string, string>,
  extra: Partial<Container> = {},
): Container => ({
  name,
  image: 'x',
  resources: { requests },
  ...extra,
});
const pod = (spec: Partial<Pod['spec']>): Pod => ({ spec: { containers: [], ...spec } });
const MI = 1024 * 1024;

describe('podResources', () => {
  it('adds up app containers, taking limits where requests are missing', () => {
    const r = podResources(
      pod({
        containers: [
          c('a', { cpu: '250m', memory: '64Mi' }),
          {
            name: 'b',
            image: 'x',
            resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m' } },
          },
        ],
      }),
    );
    expect(r.requests).toMatchObject({ milliCPU: 350, memory: 64 * MI + 1024 * MI });
  });

  it('takes the largest init container when it exceeds the app containers together', () => {
    const r = podResources(
      pod({
        initContainers: [c('i1', { cpu: '2', memory: '1G' }), c('i2', { cpu: '2', memory: '3G' })],
        containers: [c('c1', { cpu: '2', memory: '1G' }), c('c2', { cpu: '1', memory: '1G' })],
      }),
    );
    expect(r.requests).toMatchObject({ milliCPU: 3000, memory: 3e9 });
  });

  it('counts sidecars (restartable init containers) next to everything that follows them', () => {
    const r = podResources(
      pod({
        initContainers: [
          c('sidecar', { cpu: '500m' }, { restartPolicy: 'Always' }),
          c('init', { cpu: '2' }),
        ],
        containers: [c('app', { cpu: '1' })],
      }),
    );
    // init runs beside the sidecar: 2.5; the app beside it: 1.5.
    expect(r.requests.milliCPU).toBe(2500);
  });

  it('adds the pod overhead and rounds up to the milli-core and the byte', () => {
    const r = podResources(
      pod({ containers: [c('a', { cpu: '0.1m', memory: '1.5' })], overhead: { cpu: '10m' } }),
    );
    expect(r.requests).toMatchObject({ milliCPU: 11, memory: 2 });
  });

  it('keeps extended resources and ephemeral storage', () => {
    const r = podResources(
      pod({ containers: [c('a', { 'example.com/gpu': '2', 'ephemeral-storage': '1Ki' })] }),
    );
    expect(r.requests.ephemeralStorage).toBe(1024);
    expect([...r.requests.scalar]).toEqual([['example.com/gpu', 2]]);
  });

  it('scores with 100m and 200Mi for containers that ask for nothing', () => {
    const r = podResources(pod({ containers: [c('a', {}), c('b', { cpu: '1' })] }));
    expect(r.requests.milliCPU).toBe(1000);
    expect(r.nonZeroMilliCPU).toBe(1100);
    expect(r.nonZeroMemory).toBe(400 * MI);
  });

  it('names the field of a quantity that does not parse', () => {
    expect(() => podResources(pod({ containers: [c('a', { cpu: 'lots' })] }))).toThrow(
      new ResourceError(
        `spec.containers[0].resources.requests[cpu]: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      ),
    );
  });
});

describe('nodeAllocatable', () => {
  it('reads cpu, memory, pods and extended resources; what does not parse counts 0', () => {
    const a = nodeAllocatable({
      status: {
        allocatable: {
          cpu: '3500m',
          memory: '2Gi',
          pods: '110',
          'example.com/gpu': '1',
          bogus: 'x',
        },
      },
    });
    expect(a).toMatchObject({ milliCPU: 3500, memory: 2048 * MI, pods: 110 });
    expect(a.scalar.get('example.com/gpu')).toBe(1);
    expect(nodeAllocatable({ status: { allocatable: { cpu: 'many' } } }).milliCPU).toBe(0);
  });
});
