/**
 * The real kubectl (kubectl.1.33 on these machines) against serve mode: apply a multi-document
 * manifest, get, get -w, describe, logs, delete with a grace period; create configmap, secret,
 * namespace and serviceaccount, and drain, whose bodies it sends in protobuf. Skips, saying why,
 * where no kubectl is installed.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeletPodLogs } from '../../kubelet-core/podLogs.ts';
import { runKubectl } from '../../kubectl/index.ts';
import { serve, type Serving } from './serve.ts';

const run = promisify(execFile);
const candidates = [
  '/usr/lib/google-cloud-sdk/bin/kubectl.1.33',
  ...(process.env.PATH ?? '').split(':').map((d) => path.join(d, 'kubectl.1.33')),
];
const kubectlBin = candidates.find((p) => fs.existsSync(p));
/** For a certificate and key `kubectl create secret tls` accepts. */
const opensslBin = (process.env.PATH ?? '')
  .split(':')
  .map((d) => path.join(d, 'openssl'))
  .find((p) => fs.existsSync(p));

const manifest = `apiVersion: v1
kind: ConfigMap
metadata:
  name: greeting
data:
  greeting.txt: hello from serve mode
---
apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  restartPolicy: Never
  containers:
  - name: hello
    image: hello-world:v1
    env:
    - name: FILE
      value: /config/greeting.txt
    volumeMounts:
    - name: config
      mountPath: /config
  volumes:
  - name: config
    configMap:
      name: greeting
  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}
---
apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: crasher
    image: crasher:v1
  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}
---
apiVersion: v1
kind: Pod
metadata:
  name: ticker
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: ticker
    image: ticker:v1
  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}
`;

describe.skipIf(!kubectlBin)(
  kubectlBin
    ? 'the real kubectl against serve mode'
    : 'real kubectl: no kubectl.1.33 found on this machine',
  () => {
    let serving: Serving;
    let dir: string;
    const kubectl = async (...args: string[]) => {
      const r = await run(
        kubectlBin!,
        ['-s', serving.url, '--cache-dir', path.join(dir, 'cache'), ...args],
        {
          env: { ...process.env, KUBECONFIG: path.join(dir, 'none') },
          timeout: 20_000,
        },
      ).catch((e: { stdout?: string; stderr?: string; code?: number }) => ({
        stdout: e.stdout ?? '',
        stderr: e.stderr ?? '',
        code: e.code,
      }));
      return { stdout: r.stdout, stderr: r.stderr, code: (r as { code?: number }).code ?? 0 };
    };
    /** Our kubectl on serve mode's cluster, answering as `kubectl` above does. */
    const ours = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await runKubectl(args, {
        client: serving.cluster.server.client('kubectl'),
        clock: serving.cluster.clock,
        logs: kubeletPodLogs(serving.cluster.server, serving.cluster.kubelets),
        readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined),
        out: (t) => (out += t),
        err: (t) => (err += t),
      }).done;
      return { stdout: out, stderr: err, code };
    };
    const until = async (args: string[], test: (out: string) => boolean) => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const r = await kubectl(...args);
        if (test(r.stdout)) return r.stdout;
        if (Date.now() > deadline)
          throw new Error(`kubectl ${args.join(' ')} never got there:\n${r.stdout}${r.stderr}`);
        await new Promise((res) => setTimeout(res, 200));
      }
    };

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-kubectl-'));
      serving = await serve({ port: 0, speed: 10 });
      fs.writeFileSync(path.join(dir, 'manifest.yaml'), manifest);
      // The ConfigMap of the manifest again, with a field a ConfigMap does not have.
      fs.writeFileSync(
        path.join(dir, 'bogus.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: greeting\ndata:\n  greeting.txt: hello from serve mode\ncolour: blue\n',
      );
    });
    afterAll(async () => {
      await serving?.close();
    });

    it('applies a multi-document manifest', async () => {
      const r = await kubectl('apply', '-f', path.join(dir, 'manifest.yaml'));
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(
        'configmap/greeting created\npod/hello created\npod/crasher created\npod/ticker created\n',
      );
    });

    it('get shows kubectl tables, and the pods reach their status', async () => {
      const out = await until(
        ['get', 'pods'],
        (o) => /hello\s+0\/1\s+Completed/.test(o) && /ticker\s+1\/1\s+Running/.test(o),
      );
      expect(out.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
      const wide = await kubectl('get', 'pods', '-o', 'wide');
      expect(wide.stdout.split('\n')[0]).toMatch(
        /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
      );
      expect(wide.stdout).toMatch(
        /hello\s+0\/1\s+Completed\s+0\s+\S+\s+<none>\s+playground\s+<none>\s+<none>/,
      );
      expect((await kubectl('get', 'pod', 'hello', '-o', 'jsonpath={.status.phase}')).stdout).toBe(
        'Succeeded',
      );
      expect((await kubectl('get', 'cm', '-o', 'name')).stdout).toContain('configmap/greeting\n');
    });

    it('logs prints what the module wrote, from the mounted ConfigMap', async () => {
      const r = await kubectl('logs', 'hello');
      expect(r.stdout).toContain('hello from serve mode');
    });

    it('logs -c, -f and --previous', async () => {
      expect((await kubectl('logs', 'hello', '-c', 'hello')).stdout).toContain(
        'hello from serve mode',
      );
      // -f on a finished container prints its output and returns.
      expect((await kubectl('logs', '-f', 'hello')).stdout).toContain('hello from serve mode');
      // The crasher restarts (x10: the 10 s back-off is 1 s); --previous is the run before.
      await until(['get', 'pod', 'crasher'], (o) => /crasher\s+0\/1\s+\S+\s+[1-9]/.test(o));
      const previous = await kubectl('logs', 'crasher', '--previous');
      expect(previous.stdout).toBe('crasher: about to crash with exit code 1\n');
      expect((await kubectl('logs', 'crasher', '-c', 'nope')).stderr).toBe(
        'error: container nope is not valid for pod crasher\n',
      );
    });

    it('describe pod lists the events', async () => {
      const r = await kubectl('describe', 'pod', 'hello');
      expect(r.stdout).toMatch(/^Name:\s+hello$/m);
      expect(r.stdout).toMatch(
        /Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned default\/hello to playground/,
      );
      expect(r.stdout).toMatch(/Normal\s+Started\s+.*kubelet\s+Started container hello/);
    });

    it('get -w streams until stopped', async () => {
      const child = spawn(
        kubectlBin!,
        ['-s', serving.url, '--cache-dir', path.join(dir, 'cache'), 'get', 'pods', '-w'],
        {
          env: { ...process.env, KUBECONFIG: path.join(dir, 'none') },
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const deadline = Date.now() + 10_000;
      while (!/ticker\s+1\/1\s+Running/.test(out) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await kubectl('delete', 'pod', 'ticker', '--wait=false');
      while (!/ticker\s+1\/1\s+Terminating/.test(out) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill();
      expect(out).toMatch(/ticker\s+1\/1\s+Terminating/);
    });

    it('our kubectl prints what the real one prints for the same objects (AGE masked)', async () => {
      // Ages move between the two runs; everything else must be the same bytes. The real
      // kubectl computes describe's event ages against the wall clock, which the playground
      // clock at x10 has run ahead of: it prints <invalid> where ours prints the age.
      const mask = (t: string) =>
        t
          .replace(/<invalid>/g, 'AGE')
          .replace(/\b\d+(?:m\d+)?s\b|\b\d+m\b|\b\d+h\d*m?\b|\b\d+d\b/g, 'AGE')
          .replace(/ +/g, ' ');
      for (const args of [
        ['get', 'pods'],
        ['get', 'pods', '-o', 'wide'],
        ['get', 'nodes'],
        ['get', 'configmaps'],
        ['get', 'pod', 'hello', '-o', 'name'],
        ['get', 'pod', 'nope'],
        ['logs', 'hello'],
        ['logs', 'hello', '-c', 'nope'],
        ['logs', 'crasher', '--previous'],
        ['describe', 'pod', 'hello'],
        ['get', 'pod', 'hello', '-o', 'yaml'],
        // A failed apply patch: kubectl prints the patch it sent and the object it was for.
        ['apply', '-f', path.join(dir, 'bogus.yaml')],
      ]) {
        const real = await kubectl(...args);
        const mine = await ours(...args);
        expect(mask(mine.stdout), `stdout of kubectl ${args.join(' ')}`).toBe(mask(real.stdout));
        expect(mask(mine.stderr), `stderr of kubectl ${args.join(' ')}`).toBe(mask(real.stderr));
      }
    });

    it('explain: ours prints byte for byte what the real one prints, errors and exit codes too', async () => {
      // The real kubectl reads serve mode's OpenAPI v3, in the shape a real API server serves.
      for (const args of [
        ['pods'],
        ['pod.spec.containers'],
        ['pods.spec.containers.resources.limits'],
        ['pods.spec.restartPolicy'],
        ['pod.metadata.labels'],
        ['configmap'],
        ['secret.data'],
        ['namespace'],
        ['nodes.status'],
        ['events.involvedObject'],
        ['sa'],
        ['pod', '--recursive'],
        ['pod.spec.containers', '--recursive'],
        ['pods.spec', '--api-version=v1'],
        ['pods.spec.nope.x'],
        ['pod.spec.containers[0]'],
        ['pods...spec'],
        ['pods', '--api-version=v2'],
        ['pods', '--output=yaml'],
        ['pods', '-o', 'yaml'],
        ['widgets'],
      ]) {
        const real = await kubectl('explain', ...args);
        const mine = await ours('explain', ...args);
        expect(mine, `kubectl explain ${args.join(' ')}`).toEqual(real);
      }
    });

    it('delete with a grace period waits until the pod is gone', async () => {
      const r = await kubectl('delete', 'pod', 'hello', '--grace-period', '3');
      expect(r.stdout).toBe('pod "hello" deleted\n');
      const after = await kubectl('get', 'pod', 'hello');
      expect(after.stderr).toContain('Error from server (NotFound): pods "hello" not found');
    });

    // kubectl's typed clients send these bodies as application/vnd.kubernetes.protobuf.
    const jsonpath = async (args: string[], path: string) =>
      (await kubectl('get', ...args, '-o', `jsonpath=${path}`)).stdout;

    it('create configmap, from literals and from files (protobuf bodies)', async () => {
      const r = await kubectl(
        'create',
        'configmap',
        'settings',
        '--from-literal=greeting=hi',
        '--from-literal=other=x',
      );
      expect(r).toEqual({ stdout: 'configmap/settings created\n', stderr: '', code: 0 });
      expect(await jsonpath(['configmap', 'settings'], '{.data.greeting}')).toBe('hi');
      expect(await jsonpath(['configmap', 'settings'], '{.data.other}')).toBe('x');

      fs.writeFileSync(path.join(dir, 'motd.txt'), 'hello from a file\n');
      const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x01]);
      fs.writeFileSync(path.join(dir, 'blob.bin'), binary);
      const files = await kubectl(
        'create',
        'configmap',
        'files',
        `--from-file=${path.join(dir, 'motd.txt')}`,
        `--from-file=${path.join(dir, 'blob.bin')}`,
      );
      expect(files.stderr).toBe('');
      expect(await jsonpath(['cm', 'files'], '{.data.motd\\.txt}')).toBe('hello from a file\n');
      expect(await jsonpath(['cm', 'files'], '{.binaryData.blob\\.bin}')).toBe(
        binary.toString('base64'),
      );
    });

    it('create secret generic and docker-registry (protobuf bodies)', async () => {
      const r = await kubectl('create', 'secret', 'generic', 's1', '--from-literal=a=b');
      expect(r).toEqual({ stdout: 'secret/s1 created\n', stderr: '', code: 0 });
      expect(await jsonpath(['secret', 's1'], '{.data.a}')).toBe(
        Buffer.from('b').toString('base64'),
      );
      expect(await jsonpath(['secret', 's1'], '{.type}')).toBe('Opaque');

      const docker = await kubectl(
        'create',
        'secret',
        'docker-registry',
        'pull',
        '--docker-server=registry.example',
        '--docker-username=u',
        '--docker-password=p',
      );
      expect(docker.stdout).toBe('secret/pull created\n');
      expect(await jsonpath(['secret', 'pull'], '{.type}')).toBe('kubernetes.io/dockerconfigjson');
      const config = JSON.parse(
        Buffer.from(
          await jsonpath(['secret', 'pull'], '{.data.\\.dockerconfigjson}'),
          'base64',
        ).toString(),
      ) as { auths: Record<string, { username: string }> };
      expect(config.auths['registry.example']?.username).toBe('u');
    });

    it.skipIf(!opensslBin)('create secret tls (a protobuf body)', async () => {
      // kubectl checks that the key matches the certificate: a fresh self-signed pair.
      const [crt, key] = [path.join(dir, 'tls.crt'), path.join(dir, 'tls.key')];
      await run(opensslBin!, [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-subj',
        '/CN=serve-mode',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        crt,
      ]);
      const r = await kubectl(
        'create',
        'secret',
        'tls',
        'web-tls',
        `--cert=${crt}`,
        `--key=${key}`,
      );
      expect(r).toEqual({ stdout: 'secret/web-tls created\n', stderr: '', code: 0 });
      expect(await jsonpath(['secret', 'web-tls'], '{.type}')).toBe('kubernetes.io/tls');
      expect(await jsonpath(['secret', 'web-tls'], '{.data.tls\\.crt}')).toBe(
        fs.readFileSync(crt).toString('base64'),
      );
    });

    it('create namespace and serviceaccount (protobuf bodies), and objects in that namespace', async () => {
      const r = await kubectl('create', 'namespace', 'team-a');
      expect(r).toEqual({ stdout: 'namespace/team-a created\n', stderr: '', code: 0 });
      expect(await jsonpath(['namespace', 'team-a'], '{.status.phase}')).toBe('Active');
      expect(await jsonpath(['namespace', 'team-a'], '{.spec.finalizers[0]}')).toBe('kubernetes');
      expect((await kubectl('create', 'serviceaccount', 'robot', '-n', 'team-a')).stdout).toBe(
        'serviceaccount/robot created\n',
      );
      expect(await jsonpath(['sa', 'robot', '-n', 'team-a'], '{.metadata.namespace}')).toBe(
        'team-a',
      );
      expect(
        (await kubectl('create', 'cm', 'local', '--from-literal=k=v', '-n', 'team-a')).stdout,
      ).toBe('configmap/local created\n');
      expect(await jsonpath(['cm', 'local', '-n', 'team-a'], '{.data.k}')).toBe('v');
      // Created twice: the API server's 409, not a decoding error.
      expect((await kubectl('create', 'namespace', 'team-a')).stderr).toBe(
        'Error from server (AlreadyExists): namespaces "team-a" already exists\n',
      );
    });

    it('drain deletes pods with a protobuf DeleteOptions body', async () => {
      await kubectl(
        'run',
        'drained',
        '--image=hello-world:v1',
        '--restart=Never',
        '--labels=drain=me',
        '--overrides={"spec":{"tolerations":[{"operator":"Exists"}]}}',
      );
      const r = await kubectl(
        'drain',
        'playground',
        '--pod-selector=drain=me',
        '--force',
        '--grace-period=1',
        '--timeout=15s',
      );
      await kubectl('uncordon', 'playground');
      expect(r.stderr).not.toMatch(/BadRequest|couldn't get version\/kind/);
      expect(r.stdout).toContain('pod/drained deleted\n');
      expect(r.stdout).toContain('node/playground drained\n');
      expect((await kubectl('get', 'pod', 'drained')).stderr).toContain('not found');
    });

    it('a protobuf body of a kind serve mode does not decode gets 415, not a confusing 400', async () => {
      // kubectl debug node/... creates its Pod through the typed client.
      const r = await kubectl('debug', 'node/playground', '--image=hello-world:v1');
      expect(r.stderr).toContain(
        'Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json\n',
      );
    });
  },
);
