/**
 * Every example applies cleanly and reaches the moment its note promises, on a real cluster
 * running the built-in modules under Node (the browser shows the same in e2e/examples.spec.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startNodeCluster } from '../../src/cluster/testing/nodeCluster.ts';
import { applyManifest } from '../../src/kubectl/apply/index.ts';
import { evaluateCheck, parseCheck } from '../../src/lessons/checks.ts';
import { examples } from './examples.ts';

/**
 * What each example's note says to watch for, as lesson checks (all must be seen). At x200 a
 * state that lasts a few seconds of playground time lasts milliseconds of wall time, so passing
 * states are checked through the events and final statuses they leave, never by catching them.
 */
const moments: Record<string, { checks: string[]; then?: string[]; thenDelete?: string }> = {
  hello: { checks: ['pod hello phase is Succeeded', 'pod hello status is Completed'] },
  'hello-world': { checks: ['pod hello-world phase is Succeeded'] },
  'init-containers': {
    checks: [
      'pod init-demo container fetch reason is Completed',
      'pod init-demo container check reason is Completed',
      'pod init-demo phase is Succeeded',
    ],
  },
  'init-fails': {
    checks: ['pod init-fails status is Init:Error', 'pod init-fails phase is Failed'],
  },
  'crash-loop': {
    checks: [
      'pod crasher status is CrashLoopBackOff',
      'pod crasher container crasher restartCount >= 2',
      'event BackOff for pod crasher',
    ],
  },
  'on-failure': {
    checks: [
      'pod on-failure container flaky restartCount = 2',
      'pod on-failure phase is Succeeded',
    ],
  },
  never: { checks: ['pod never status is Error', 'pod never phase is Failed'] },
  'image-not-found': {
    checks: [
      'pod no-such-image status is ErrImagePull',
      'pod no-such-image status is ImagePullBackOff',
    ],
  },
  'missing-configmap': {
    checks: [
      'pod needs-config status is ContainerCreating',
      'event FailedMount for pod needs-config',
    ],
    then: ['pod needs-config phase is Succeeded'],
  },
  oom: { checks: ['pod oom container hog reason is OOMKilled', 'pod oom phase is Failed'] },
  'graceful-delete': {
    checks: ['pod ticker status is Running'],
    thenDelete: 'ticker',
    then: ['event Killing for pod ticker', 'pod ticker is gone'],
  },
  'active-deadline': {
    checks: [
      'event Started for pod deadline',
      'event DeadlineExceeded for pod deadline',
      'pod deadline phase is Failed',
    ],
  },
  sidecar: {
    checks: ['pod with-sidecar ready is 2/2', 'pod with-sidecar phase is Succeeded'],
  },
  'no-toleration': {
    checks: ['pod no-toleration phase is Pending', 'event FailedScheduling for pod no-toleration'],
  },
  'shared-emptydir': { checks: ['pod shared phase is Succeeded'] },
};

const disposers: (() => void)[] = [];
afterAll(() => disposers.forEach((d) => d()));

describe('examples', () => {
  it('every example has its moment listed here', () => {
    expect(examples.map((e) => e.name).sort()).toEqual(Object.keys(moments).sort());
  });

  for (const example of examples) {
    it(`${example.name}: ${example.title}`, async () => {
      const cluster = await startNodeCluster();
      disposers.push(() => cluster.dispose());
      const client = cluster.server.client('kubectl');
      const seen = async (lines: string[]) => {
        const pending = lines.map(parseCheck);
        await eventually(
          async () => {
            for (let i = pending.length - 1; i >= 0; i--) {
              if ((await evaluateCheck(client, pending[i]!, cluster.clock.now())).met)
                pending.splice(i, 1);
            }
            return pending.length === 0;
          },
          () => `${example.name}: never saw ${JSON.stringify(pending)}`,
        );
      };
      const outcomes = await applyManifest(client, example.manifest);
      expect(outcomes.filter((o) => !o.ok)).toEqual([]);
      const m = moments[example.name]!;
      await seen(m.checks);
      if (example.name === 'missing-configmap') {
        const step2 = example.manifest.replace(/^# Step 2.*\n/m, '').replace(/^# ?/gm, '');
        const again = await applyManifest(client, step2);
        expect(again.filter((o) => !o.ok)).toEqual([]);
      }
      if (m.thenDelete) await client.delete('pods', m.thenDelete);
      if (m.then) await seen(m.then);
    }, 40_000);
  }
});
