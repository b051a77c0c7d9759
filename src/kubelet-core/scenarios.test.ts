/**
 * Golden scenarios (kwok-style): each runs a manifest against the real API server and the kubelet
 * on a virtual clock and compares the full trace with testdata/<name>.trace. `vitest -u` rewrites
 * a trace; read the diff against Kubernetes' behaviour before accepting it.
 */
import { describe, expect, it } from 'vitest';
import type { FakeImage, FakeIO } from './testing/FakeRuntime.ts';
import { NODE, applyYaml, runScenario, type Scenario } from './testing/scenario.ts';

const exitAfter = (text: string, code: number, ms = 0): FakeImage => ({
  program: async (io: FakeIO) => {
    if (ms) await io.sleep(ms);
    io.stdout(text);
    return code;
  },
});

/** A module that crashes after a number of ms chosen per run. */
const exitAfterRuns = (runMs: () => number): FakeImage => ({
  program: async (io: FakeIO) => {
    await io.sleep(runMs());
    io.stdout('crashing\n');
    return 1;
  },
});

const images: Record<string, FakeImage> = {
  'hello:v1': exitAfter('Hello, world!\n', 0, 500),
  'crasher:v1': exitAfter('about to crash\n', 1, 500),
  'init-ok:v1': exitAfter('init done\n', 0, 2000),
  'init-fail:v1': exitAfter('init failed\n', 3, 1000),
  'ticker:v1': {
    program: async (io) => {
      for (let i = 1; ; i++) {
        io.stdout(`tick ${i}\n`);
        await io.sleep(5000);
      }
    },
  },
  'oom:v1': { program: () => 0, memoryBytes: 512 * 1024 * 1024 },
  'env-printer:v1': {
    program: (io) => {
      for (const k of Object.keys(io.env).sort()) io.stdout(`${k}=${io.env[k]}\n`);
      io.stdout(`argv=${JSON.stringify(io.argv)}\n`);
      return 0;
    },
  },
  'cat:v1': {
    program: (io) => {
      let code = 0;
      for (const path of io.argv) {
        const text = io.readFile(path);
        if (text === undefined) {
          io.stderr(`${path}: No such file or directory\n`);
          code = 1;
        } else io.stdout(`${path}: ${text.trim()}\n`);
      }
      return code;
    },
  },
  'writer:v1': {
    program: (io) => {
      try {
        io.writeFile(io.argv[0]!, io.argv[1]!);
        return 0;
      } catch (e) {
        io.stderr(`${io.argv[0]}: ${(e as Error).message}\n`);
        return 1;
      }
    },
  },
};

const pod = (name: string, body: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: ${NODE}
${body}`;

const seconds = (s: number) => s * 1000;

const wasmToleration =
  '  tolerations:\n  - key: kubernetes.io/arch\n    operator: Equal\n    value: wasm32-wasi\n';

const scenarios: Record<string, Scenario> = {
  'hello-succeeds': {
    manifest: pod(
      'hello',
      '  restartPolicy: Never\n  containers:\n  - name: app\n    image: hello:v1\n',
    ),
    durationMs: seconds(5),
  },
  'hello-under-always': {
    manifest: pod(
      'hello',
      '  restartPolicy: Always\n  containers:\n  - name: app\n    image: hello:v1\n',
    ),
    durationMs: seconds(45),
  },
  'crash-loop-ladder': {
    manifest: pod(
      'crash',
      '  restartPolicy: Always\n  containers:\n  - name: app\n    image: crasher:v1\n',
    ),
    durationMs: seconds(1300),
  },
  // Four quick crashes build the back-off up to 40 s; the fifth run lasts 11 minutes, so its
  // crash restarts at once and the ladder starts again at 10 s.
  'crash-loop-reset': {
    manifest: pod(
      'reset',
      '  restartPolicy: Always\n  containers:\n  - name: app\n    image: slow-fifth:v1\n',
    ),
    images: {
      'slow-fifth:v1': (() => {
        let runs = 0;
        return exitAfterRuns(() => (++runs === 5 ? 660_000 : 500));
      })(),
    },
    durationMs: seconds(900),
  },
  'on-failure': {
    manifest: pod(
      'onfail',
      '  restartPolicy: OnFailure\n  containers:\n  - name: ok\n    image: hello:v1\n  - name: bad\n    image: crasher:v1\n',
    ),
    durationMs: seconds(15),
  },
  'never-fails': {
    manifest: pod(
      'never',
      '  restartPolicy: Never\n  containers:\n  - name: app\n    image: crasher:v1\n',
    ),
    durationMs: seconds(5),
  },
  'init-containers-in-order': {
    manifest: pod(
      'init',
      '  restartPolicy: Never\n  initContainers:\n  - name: first\n    image: init-ok:v1\n  - name: second\n    image: init-ok:v1\n  containers:\n  - name: app\n    image: hello:v1\n',
    ),
    durationMs: seconds(10),
  },
  'init-fails-never': {
    manifest: pod(
      'initfail',
      '  restartPolicy: Never\n  initContainers:\n  - name: setup\n    image: init-fail:v1\n  containers:\n  - name: app\n    image: hello:v1\n',
    ),
    durationMs: seconds(10),
  },
  'init-fails-always': {
    manifest: pod(
      'initfail',
      '  initContainers:\n  - name: setup\n    image: init-fail:v1\n  containers:\n  - name: app\n    image: hello:v1\n',
    ),
    durationMs: seconds(40),
  },
  sidecar: {
    manifest: pod(
      'sidecar',
      '  restartPolicy: Never\n  initContainers:\n  - name: logger\n    image: ticker:v1\n    restartPolicy: Always\n  containers:\n  - name: app\n    image: hello:v1\n',
    ),
    durationMs: seconds(35),
  },
  'image-not-found': {
    manifest: pod('missing', '  containers:\n  - name: app\n    image: nope:v1\n'),
    durationMs: seconds(75),
  },
  'image-never-pull': {
    manifest: pod(
      'never-pull',
      '  containers:\n  - name: app\n    image: hello:v1\n    imagePullPolicy: Never\n',
    ),
    durationMs: seconds(25),
  },
  'missing-configmap-then-created': {
    manifest: pod(
      'cfg',
      '  restartPolicy: Never\n  containers:\n  - name: app\n    image: env-printer:v1\n    env:\n    - name: GREETING\n      valueFrom:\n        configMapKeyRef:\n          name: settings\n          key: greeting\n',
    ),
    at: [
      [
        seconds(25),
        ({ api }) =>
          applyYaml(
            api,
            'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  greeting: hello\n',
          ),
      ],
    ],
    durationMs: seconds(40),
  },
  'oom-killed': {
    manifest: pod(
      'oom',
      '  restartPolicy: Never\n  containers:\n  - name: app\n    image: oom:v1\n    resources:\n      limits:\n        memory: 64Mi\n',
    ),
    durationMs: seconds(5),
  },
  'graceful-delete': {
    manifest: pod(
      'ticker',
      '  terminationGracePeriodSeconds: 30\n  containers:\n  - name: app\n    image: ticker:v1\n',
    ),
    at: [[seconds(12), ({ api }) => api.delete('pods', 'ticker')]],
    durationMs: seconds(50),
  },
  'untolerated-taint-stays-pending': {
    scheduler: true,
    manifest:
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: plain\nspec:\n  containers:\n  - name: app\n    image: hello:v1\n',
    durationMs: seconds(20),
  },
  'scheduled-with-toleration': {
    scheduler: true,
    manifest: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: wasm\nspec:\n  restartPolicy: Never\n${wasmToleration}  containers:\n  - name: app\n    image: hello:v1\n`,
    durationMs: seconds(5),
  },
  volumes: {
    manifest: `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  greeting: hello from a ConfigMap
  color: blue
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  password: czNjcjN0 # s3cr3t
---
${pod(
  'vols',
  `  restartPolicy: Never
  initContainers:
  - name: writer
    image: writer:v1
    args: [/shared/note.txt, written by the init container]
    volumeMounts:
    - name: scratch
      mountPath: /shared
  containers:
  - name: reader
    image: cat:v1
    args: [/shared/note.txt, /config/greeting.txt, /single/greeting.txt, /secret/pw, /info/labels, /all/greeting, /all/password, /all/name]
    volumeMounts:
    - name: scratch
      mountPath: /shared
    - name: config
      mountPath: /config
    - name: config
      mountPath: /single/greeting.txt
      subPath: greeting.txt
    - name: secret
      mountPath: /secret
    - name: info
      mountPath: /info
    - name: all
      mountPath: /all
    - name: host
      mountPath: /host
  - name: ro-writer
    image: writer:v1
    args: [/config/new.txt, denied]
    volumeMounts:
    - name: config
      mountPath: /config
  volumes:
  - name: scratch
    emptyDir: {}
  - name: config
    configMap:
      name: settings
      items:
      - key: greeting
        path: greeting.txt
  - name: secret
    secret:
      secretName: creds
      items:
      - key: password
        path: pw
  - name: info
    downwardAPI:
      items:
      - path: labels
        fieldRef:
          fieldPath: metadata.labels
  - name: all
    projected:
      sources:
      - configMap:
          name: settings
      - secret:
          name: creds
      - downwardAPI:
          items:
          - path: name
            fieldRef:
              fieldPath: metadata.name
  - name: host
    hostPath:
      path: /var/playground
`,
)}`.replace('  name: vols\n', '  name: vols\n  labels:\n    app: demo\n    tier: web\n'),
    at: [[0, ({ kubelet }) => void kubelet]],
    durationMs: seconds(5),
  },
  'env-from-every-source': {
    manifest: `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  greeting: hello
  LEVEL: debug
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
data:
  token: dDBrM24= # t0k3n
---
${pod(
  'envs',
  `  restartPolicy: Never
  containers:
  - name: app
    image: env-printer:v1
    args: [--greet, $(GREETING), $$(NOT_EXPANDED), $(UNDEFINED)]
    resources:
      limits:
        memory: 128Mi
    envFrom:
    - configMapRef:
        name: settings
      prefix: CFG_
    env:
    - name: PLAIN
      value: plain value
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: settings
          key: greeting
    - name: TOKEN
      valueFrom:
        secretKeyRef:
          name: creds
          key: token
    - name: MISSING_OK
      valueFrom:
        configMapKeyRef:
          name: nope
          key: k
          optional: true
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    - name: APP_LABEL
      valueFrom:
        fieldRef:
          fieldPath: metadata.labels['app']
    - name: NODE
      valueFrom:
        fieldRef:
          fieldPath: spec.nodeName
    - name: HOST_IP
      valueFrom:
        fieldRef:
          fieldPath: status.hostIP
    - name: MEMORY_MIB
      valueFrom:
        resourceFieldRef:
          containerName: app
          resource: limits.memory
          divisor: 1Mi
    - name: COMPOSED
      value: $(PLAIN) and $(GREETING)
`,
)}`.replace('  name: envs\n', '  name: envs\n  labels:\n    app: demo\n'),
    durationMs: seconds(3),
  },
  'active-deadline': {
    manifest: pod(
      'deadline',
      '  activeDeadlineSeconds: 20\n  terminationGracePeriodSeconds: 5\n  containers:\n  - name: app\n    image: ticker:v1\n',
    ),
    durationMs: seconds(40),
  },
};

describe('kubelet golden scenarios', () => {
  for (const [name, scenario] of Object.entries(scenarios)) {
    it(name, async () => {
      const { trace } = await runScenario({
        ...scenario,
        images: { ...images, ...scenario.images },
      });
      await expect(trace).toMatchFileSnapshot(`testdata/${name}.trace`);
    });
  }
});
