import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../kube/virtualClock.ts';
import { goDurationString as goDuration } from '../kube/duration.ts';
import { crashLoopBackoff } from './backoff.ts';

describe('crash-loop backoff', () => {
  /** Simulates doBackOff for a container that crashes `runMs` after every start. */
  function restartDelays(crashes: number, runMs: number): number[] {
    const clock = new VirtualClock();
    const b = crashLoopBackoff(clock);
    const delays: number[] = [];
    for (let i = 0; i < crashes; i++) {
      clock.advance(runMs);
      const finishedAt = clock.now();
      let waited = 0;
      while (b.isInBackOffSince('pod/app', finishedAt)) {
        clock.advance(1000);
        waited += 1000;
      }
      b.next('pod/app', finishedAt);
      delays.push(waited / 1000);
    }
    return delays;
  }

  it('restarts after 0, 10, 20, 40, 80, 160, then 300 s forever', () => {
    expect(restartDelays(9, 1000)).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('starts over at 10 s once a container ran for more than 10 minutes', () => {
    const clock = new VirtualClock();
    const b = crashLoopBackoff(clock);
    for (let i = 0; i < 4; i++) {
      const finishedAt = clock.now();
      while (b.isInBackOffSince('k', finishedAt)) clock.advance(1000);
      b.next('k', finishedAt);
    }
    expect(b.get('k')).toBe(80_000);
    clock.advance(601_000);
    expect(b.isInBackOffSince('k', clock.now())).toBe(false);
    b.next('k', clock.now());
    expect(b.get('k')).toBe(10_000);
  });

  it('renders delays as Go durations, as the back-off message shows them', () => {
    expect([10_000, 20_000, 40_000, 80_000, 160_000, 300_000].map(goDuration)).toEqual([
      '10s',
      '20s',
      '40s',
      '1m20s',
      '2m40s',
      '5m0s',
    ]);
  });
});
