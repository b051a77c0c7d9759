import { describe, expect, it } from 'vitest';
import { computePodQOS, getPodQOS } from './qos.ts';
import type { Container, Pod } from './types.ts';

type Resources = NonNullable<Container['resources']>;
const container = (name: string, resources?: Resources): Container => ({
  name,
  ...(resources ? { resources } : {}),
});
const pod = (containers: Container[], initContainers: Container[] = []): Pod => ({
  spec: { containers, initContainers },
});
const cpuMem = (cpu: string, memory: string) => ({ cpu, memory });

// Cases after pkg/apis/core/helper/qos/qos_test.go (TestComputePodQOS).
describe('computePodQOS', () => {
  it('is BestEffort without requests or limits', () => {
    expect(computePodQOS(pod([container('a'), container('b', {})]))).toBe('BestEffort');
  });

  it('is BestEffort when only non-compute or zero resources are set', () => {
    const c = container('a', {
      requests: { 'nvidia.com/gpu': '1', cpu: '0' },
      limits: { 'example.com/dongle': '2' },
    });
    expect(computePodQOS(pod([c]))).toBe('BestEffort');
  });

  it('is Guaranteed when every container limits cpu and memory and requests equal limits', () => {
    const g = (n: string) =>
      container(n, { requests: cpuMem('100m', '100Mi'), limits: cpuMem('100m', '100Mi') });
    expect(computePodQOS(pod([g('a'), g('b')]))).toBe('Guaranteed');
  });

  it('compares quantities by value, not spelling', () => {
    const c = container('a', { requests: cpuMem('0.1', '1Gi'), limits: cpuMem('100m', '1024Mi') });
    expect(computePodQOS(pod([c]))).toBe('Guaranteed');
  });

  it('is Burstable when requests are below limits', () => {
    const c = container('a', { requests: cpuMem('10m', '100Mi'), limits: cpuMem('100m', '100Mi') });
    expect(computePodQOS(pod([c]))).toBe('Burstable');
  });

  it('is Burstable when one container lacks a memory limit', () => {
    const a = container('a', { requests: cpuMem('1', '1Gi'), limits: cpuMem('1', '1Gi') });
    const b = container('b', { requests: { cpu: '1' }, limits: { cpu: '1' } });
    expect(computePodQOS(pod([a, b]))).toBe('Burstable');
  });

  it('is Burstable when a container only requests', () => {
    const a = container('a', { requests: cpuMem('1', '1Gi'), limits: cpuMem('1', '1Gi') });
    expect(computePodQOS(pod([a, container('b', { requests: { memory: '1' } })]))).toBe(
      'Burstable',
    );
  });

  it('counts init containers', () => {
    const g = container('a', { requests: cpuMem('1', '1Gi'), limits: cpuMem('1', '1Gi') });
    expect(computePodQOS(pod([g], [container('init')]))).toBe('Burstable');
    expect(computePodQOS(pod([container('a')], [g]))).toBe('Burstable');
    expect(computePodQOS(pod([g], [g]))).toBe('Guaranteed');
  });

  it('ignores extended resources for the Guaranteed decision', () => {
    const c = container('a', {
      requests: { ...cpuMem('1', '1Gi'), 'example.com/foo': '1' },
      limits: { ...cpuMem('1', '1Gi'), 'example.com/foo': '2' },
    });
    expect(computePodQOS(pod([c]))).toBe('Guaranteed');
  });
});

it('getPodQOS prefers status.qosClass', () => {
  const p = pod([container('a')]);
  expect(getPodQOS(p)).toBe('BestEffort');
  expect(getPodQOS({ ...p, status: { qosClass: 'Burstable' } })).toBe('Burstable');
});
