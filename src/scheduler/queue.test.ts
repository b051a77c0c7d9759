import { describe, expect, it, vi } from 'vitest';
import { makePod } from '../fake-apiserver/testing/fixtures.ts';
import { VirtualClock } from '../kube/virtualClock.ts';
import type { Pod } from '../kube/types.ts';
import { SchedulingQueue } from './queue.ts';

function setup() {
  const clock = new VirtualClock();
  const onReady = vi.fn();
  const queue = new SchedulingQueue({ clock, onReady });
  let uid = 0;
  const pod = (name: string, spec: Partial<Pod['spec']> = {}): Pod => {
    const p = makePod(name, { spec: { containers: [], ...spec } });
    return { ...p, metadata: { ...p.metadata, uid: `uid-${uid++}` } };
  };
  return { clock, queue, onReady, pod };
}

describe('SchedulingQueue', () => {
  it('pops higher priority first, then the pod that has waited longest', () => {
    const { clock, queue, pod } = setup();
    queue.addOrUpdate(pod('low1'));
    clock.advance(10);
    queue.addOrUpdate(pod('high', { priority: 100 }));
    queue.addOrUpdate(pod('low2'));
    expect([queue.pop()?.key, queue.pop()?.key, queue.pop()?.key, queue.pop()]).toEqual([
      'default/high',
      'default/low1',
      'default/low2',
      undefined,
    ]);
  });

  it('backs off 1 s doubling per attempt, up to 10 s', () => {
    const { clock, queue, pod } = setup();
    queue.addOrUpdate(pod('web'));
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const qp = queue.pop()!;
      queue.errorAgain(qp);
      waits.push(queue.backoffExpiry(qp) - clock.now());
      clock.advance(waits[i]!);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('keeps a pod that failed with an error until its backoff is over (next whole second)', () => {
    const { clock, queue, pod } = setup();
    clock.advance(300); // the flush runs on whole seconds of the clock
    queue.addOrUpdate(pod('web'));
    queue.errorAgain(queue.pop()!);
    expect(queue.pop()).toBeUndefined();
    clock.advance(1000);
    expect(queue.pop()).toBeUndefined(); // expired at +1.3 s; the flush runs at +2 s
    clock.advance(700);
    expect(queue.pop()?.key).toBe('default/web');
  });

  it('moves an unschedulable pod on a helpful event, and pops it early when nothing else waits', () => {
    const { queue, pod } = setup();
    queue.addOrUpdate(pod('a'));
    queue.addOrUpdate(pod('b'));
    const a = queue.pop()!;
    queue.unschedulableAgain(a, new Set(['TaintToleration']));
    queue.move((qp) => qp.key === 'default/a');
    expect(queue.counts()).toMatchObject({ backoff: 1, active: 1 });
    expect(queue.pop()?.key).toBe('default/b'); // activeQ first
    expect(queue.pop()?.key).toBe('default/a'); // then backoffQ, without waiting
  });

  it('leaves unschedulable pods alone unless moved, and flushes them after 5 minutes', () => {
    const { clock, queue, pod } = setup();
    queue.addOrUpdate(pod('web'));
    queue.unschedulableAgain(queue.pop()!, new Set(['NodeAffinity']));
    queue.move(() => false);
    clock.advance(300_000);
    expect(queue.pop()).toBeUndefined();
    clock.advance(29_999);
    expect(queue.pop()).toBeUndefined();
    clock.advance(1);
    expect(queue.pop()?.key).toBe('default/web');
  });

  it('holds gated pods until the gates are gone', () => {
    const { queue, pod, onReady } = setup();
    const gated = pod('web', { schedulingGates: [{ name: 'wait' }] });
    queue.addOrUpdate(gated);
    expect(queue.pop()).toBeUndefined();
    expect(onReady).not.toHaveBeenCalled();
    queue.addOrUpdate({ ...gated, spec: { ...gated.spec!, schedulingGates: [] } });
    expect(onReady).toHaveBeenCalled();
    expect(queue.pop()?.key).toBe('default/web');
  });

  it('requeues an unschedulable pod when its spec changes, not when only its status does', () => {
    const { queue, pod } = setup();
    const p = pod('web');
    queue.addOrUpdate(p);
    queue.unschedulableAgain(queue.pop()!, new Set(['TaintToleration']));
    queue.addOrUpdate({ ...p, status: { phase: 'Pending', conditions: [] } });
    expect(queue.counts().unschedulable).toBe(1);
    queue.addOrUpdate({ ...p, spec: { ...p.spec!, tolerations: [{ operator: 'Exists' }] } });
    expect(queue.counts().unschedulable).toBe(0);
    expect(queue.pop()?.key).toBe('default/web');
  });

  it('forgets a deleted pod wherever it waits, and a recreated pod starts afresh', () => {
    const { queue, pod } = setup();
    queue.addOrUpdate(pod('web'));
    queue.delete('default/web');
    expect(queue.pop()).toBeUndefined();
    queue.addOrUpdate(pod('web'));
    const first = queue.pop()!;
    queue.errorAgain(first);
    queue.addOrUpdate(pod('web')); // same name, new uid
    expect(queue.pop()).toMatchObject({ key: 'default/web', attempts: 1 });
  });
});
