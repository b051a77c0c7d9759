import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster.ts';
import { flush, seededRandom } from '../../fake-apiserver/testing/fixtures.ts';
import { kubeletPodLogs } from '../../kubelet-core/podLogs.ts';
import { FakeRuntime, type FakeIO } from '../../kubelet-core/testing/FakeRuntime.ts';
import { VirtualClock } from '../../kube/virtualClock.ts';
import { runKubectl, splitCommandLine } from '../index.ts';

const tolerations = `  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}
`;
const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  restartPolicy: Never
  containers:
  - name: hello
    image: hello:v1
  - name: side
    image: hello:v1
${tolerations}`;

async function setup() {
  const clock = new VirtualClock();
  const runtime = new FakeRuntime(clock, {
    'hello:v1': {
      program: async (io: FakeIO) => {
        await io.sleep(1000);
        io.stdout('Hello, world!\n');
        io.stderr('a warning\n');
        return 0;
      },
    },
  });
  runtime.pullMs = 500;
  const cluster = createCluster({ clock, runtime, random: seededRandom(3) });
  await cluster.start();
  const client = cluster.server.client('kubectl');
  const files: Record<string, string> = { 'manifest.yaml': manifest };
  const run = async (line: string) => {
    let out = '';
    let err = '';
    const r = runKubectl(splitCommandLine(line), {
      client,
      clock,
      logs: kubeletPodLogs(client, cluster.kubelets),
      readFile: (p) => files[p],
      out: (t) => (out += t),
      err: (t) => (err += t),
    });
    const code = await r.done;
    return { code, out, err };
  };
  const advance = async (ms: number) => {
    for (let t = 0; t < ms; t += 100) {
      await flush();
      clock.advance(100);
    }
    await flush();
  };
  return { cluster, clock, client, run, advance, files };
}

describe('kubectl', () => {
  it('errors for unknown commands and flags, in kubectl 1.33 words', async () => {
    const { run } = await setup();
    expect(await run('foo')).toEqual({
      code: 1,
      out: '',
      err: 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n',
    });
    expect((await run('zzzzzz')).err).toBe('error: unknown command "zzzzzz" for "kubectl"\n');
    expect((await run('get pods --bogus')).err).toBe(
      "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n",
    );
    expect((await run('get pods -z')).err).toBe(
      "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n",
    );
    expect((await run('get')).err).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    expect((await run('logs')).err).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect((await run('get deployments')).err).toBe(
      'error: the server doesn\'t have a resource type "deployments"\n',
    );
    expect((await run('exec hello -- ls')).err).toMatch(/^error: kubectl exec is not available/);
  });

  it('get: empty, not found, then the pod through its lifecycle', async () => {
    const { run, advance } = await setup();
    expect(await run('get pods')).toEqual({
      code: 0,
      out: '',
      err: 'No resources found in default namespace.\n',
    });
    expect(await run('get pod nope')).toEqual({
      code: 1,
      out: '',
      err: 'Error from server (NotFound): pods "nope" not found\n',
    });
    expect(await run('apply -f manifest.yaml')).toEqual({
      code: 0,
      out: 'pod/hello created\n',
      err: '',
    });
    // tolerations is an atomic list and the server added the default not-ready/unreachable ones,
    // so kubectl's patch is not empty: "configured", though DefaultTolerationSeconds re-adds them
    // on update and nothing changes. A real cluster prints the same.
    expect((await run('apply -f manifest.yaml')).out).toBe('pod/hello configured\n');
    await advance(3000);
    expect((await run('get pods')).out).toBe(
      'NAME    READY   STATUS      RESTARTS   AGE\nhello   0/2     Completed   0          3s\n',
    );
    expect((await run('get po -o name')).out).toBe('pod/hello\n');
    expect((await run('get pod/hello -o yaml')).out).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect((await run('get nodes')).out).toMatch(
      /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nplayground\s+Ready/,
    );
  });

  it("logs: the default container with kubectl's notice, -c, and the kubelet's refusals", async () => {
    const { run, advance } = await setup();
    await run('apply -f manifest.yaml');
    await advance(100);
    expect(await run('logs hello -c hello')).toMatchObject({
      code: 1,
      err: expect.stringMatching(
        /^Error from server \(BadRequest\): container "hello" in pod "hello" is waiting to start: ContainerCreating\n$/,
      ),
    });
    await advance(3000);
    expect(await run('logs hello')).toEqual({
      code: 0,
      out: 'Hello, world!\na warning\n',
      err: 'Defaulted container "hello" out of: hello, side\n',
    });
    expect((await run('logs hello -c side --tail 1')).out).toBe('a warning\n');
    expect((await run('logs hello -c nope')).err).toBe(
      'error: container nope is not valid for pod hello\n',
    );
  });

  it('get -w prints changes until cancelled', async () => {
    const { client, clock, cluster, advance, files } = await setup();
    let out = '';
    const r = runKubectl(['get', 'pods', '-w'], {
      client,
      clock,
      out: (t) => (out += t),
      err: () => {},
    });
    await flush();
    const apply = runKubectl(['apply', '-f', 'manifest.yaml'], {
      client,
      clock,
      readFile: (p) => files[p],
      out: () => {},
      err: () => {},
    });
    await apply.done;
    await advance(3000);
    r.cancel();
    expect(await r.done).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines.map((l) => l.split(/\s+/)[2])).toEqual(
      expect.arrayContaining(['Pending', 'ContainerCreating', 'Completed']),
    );
    void cluster;
  });

  it('delete waits for graceful deletion; --force deletes at once with the warning', async () => {
    const { run, advance } = await setup();
    await run('apply -f manifest.yaml');
    await advance(3000);
    expect(await run('delete pod hello --force')).toEqual({
      code: 0,
      out: 'pod "hello" force deleted\n',
      err: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    });
    expect((await run('get pods')).err).toBe('No resources found in default namespace.\n');
  });

  it('splits command lines as a shell does', () => {
    expect(
      splitCommandLine(
        `kubectl get pods -l 'app in (a, b)' --field-selector="status.phase=Running" a\\ b`,
      ),
    ).toEqual([
      'kubectl',
      'get',
      'pods',
      '-l',
      'app in (a, b)',
      '--field-selector=status.phase=Running',
      'a b',
    ]);
    expect(() => splitCommandLine('echo "oops')).toThrow('the " quote is never closed');
  });
});
