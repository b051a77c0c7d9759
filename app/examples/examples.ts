/**
 * The examples menu: each a manifest and a note of what to watch for. Every pod tolerates the
 * node's `kubernetes.io/arch=wasm32-wasi` taint, as Krustlet's pods had to (except the one that
 * shows what happens without it). Images are the built-in modules (public/modules).
 */

export interface Example {
  name: string;
  title: string;
  note: string;
  manifest: string;
}

const tolerations = `  tolerations:
  - key: kubernetes.io/arch
    operator: Equal
    value: wasm32-wasi
    effect: NoSchedule
  - key: kubernetes.io/arch
    operator: Equal
    value: wasm32-wasi
    effect: NoExecute
`;

export const examples: Example[] = [
  {
    name: 'hello',
    title: 'Hello, world',
    note: 'A pod whose one container prints a line and exits 0. Watch STATUS go Pending → ContainerCreating → Completed, the phase become Succeeded, and "Hello, world!" appear in the terminal.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  restartPolicy: Never
  containers:
  - name: hello
    image: hello:v1
${tolerations}`,
  },
  {
    name: 'hello-world',
    title: 'ConfigMap, Secret, env and a volume',
    note: 'A ConfigMap and a Secret applied with the pod that uses them: environment variables from both, and the ConfigMap mounted as files at /config. The module prints its environment and /config/greeting.txt; one line goes to stderr (red in the terminal).',
    manifest: `apiVersion: v1
kind: ConfigMap
metadata:
  name: greeting
data:
  greeting.txt: Hello from a ConfigMap volume
  GREETING: hi
---
apiVersion: v1
kind: Secret
metadata:
  name: password
stringData:
  PASSWORD: s3cr3t
---
apiVersion: v1
kind: Pod
metadata:
  name: hello-world
spec:
  restartPolicy: Never
  containers:
  - name: hello-world
    image: hello-world:v1
    args: ["from", "the", "playground"]
    env:
    - name: FILE
      value: /config/greeting.txt
    - name: GREETING
      valueFrom:
        configMapKeyRef:
          name: greeting
          key: GREETING
    envFrom:
    - secretRef:
        name: password
    volumeMounts:
    - name: config
      mountPath: /config
      readOnly: true
  volumes:
  - name: config
    configMap:
      name: greeting
${tolerations}`,
  },
  {
    name: 'init-containers',
    title: 'Init containers',
    note: 'Two init containers run one after the other before the app starts: STATUS shows Init:0/2, Init:1/2, PodInitializing, then the app runs. The first writes a file into an emptyDir that the others read.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  restartPolicy: Never
  initContainers:
  - name: fetch
    image: exerciser:v1
    args: ["print:fetching", "sleep:3s", "write-file:/work/data.txt=ready", "print:fetched"]
    volumeMounts:
    - name: work
      mountPath: /work
  - name: check
    image: exerciser:v1
    args: ["file-exists:/work/data.txt", "sleep:2s", "print:checked"]
    volumeMounts:
    - name: work
      mountPath: /work
  containers:
  - name: app
    image: exerciser:v1
    args: ["cat:/work/data.txt"]
    volumeMounts:
    - name: work
      mountPath: /work
  volumes:
  - name: work
    emptyDir: {}
${tolerations}`,
  },
  {
    name: 'init-fails',
    title: 'A failing init container',
    note: 'The init container exits 3. Under restartPolicy Never the pod fails at once: STATUS Init:Error, phase Failed, and the app container never starts (it stays waiting, PodInitializing).',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: init-fails
spec:
  restartPolicy: Never
  initContainers:
  - name: migrate
    image: crasher:v1
    args: ["3"]
  containers:
  - name: app
    image: hello:v1
${tolerations}`,
  },
  {
    name: 'crash-loop',
    title: 'Crash loop under Always',
    note: 'The container exits 1 and restartPolicy Always restarts it, with a back-off that doubles: 10s, 20s, 40s... up to 5m. Watch STATUS alternate Error / CrashLoopBackOff and RESTARTS grow. Speed the clock up to x10 or x100 to see the ladder.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: crasher
    image: crasher:v1
${tolerations}`,
  },
  {
    name: 'on-failure',
    title: 'OnFailure',
    note: 'restartPolicy OnFailure restarts a container only when it fails. This one fails twice (it counts its runs in an emptyDir, which outlives container restarts), then exits 0: RESTARTS 2, then Completed.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: on-failure
spec:
  restartPolicy: OnFailure
  containers:
  - name: flaky
    image: exerciser:v1
    # Each run appends an x; the run fails until there are three.
    args: ["append-file:/state/runs=x", "read-file:RUNS=/state/runs", "print:runs so far: $RUNS", "expect:RUNS=xxx"]
    volumeMounts:
    - name: state
      mountPath: /state
  volumes:
  - name: state
    emptyDir: {}
${tolerations}`,
  },
  {
    name: 'never',
    title: 'Never',
    note: 'restartPolicy Never: the container exits 1 and is not restarted. STATUS Error, phase Failed, exit code 1 in the container status.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: never
spec:
  restartPolicy: Never
  containers:
  - name: crasher
    image: crasher:v1
${tolerations}`,
  },
  {
    name: 'image-not-found',
    title: 'Image not found',
    note: "The image does not exist in the registry. STATUS goes ErrImagePull, then ImagePullBackOff as the kubelet retries with a back-off; the Failed event quotes the registry's answer.",
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: no-such-image
spec:
  containers:
  - name: app
    image: does-not-exist:v1
${tolerations}`,
  },
  {
    name: 'missing-configmap',
    title: 'Missing ConfigMap, then create it',
    note: 'The pod mounts a ConfigMap that does not exist yet: it stays ContainerCreating with a FailedMount event. Then apply step 2 (uncomment the ConfigMap below and Apply again): the volume mounts and the pod runs.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: needs-config
spec:
  restartPolicy: Never
  containers:
  - name: app
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
      name: late-config
${tolerations}# Step 2: uncomment these lines and Apply again.
# ---
# apiVersion: v1
# kind: ConfigMap
# metadata:
#   name: late-config
# data:
#   greeting.txt: better late than never
`,
  },
  {
    name: 'oom',
    title: 'OOMKilled',
    note: 'The module allocates 1 MiB at a time. Its linear memory may not grow past resources.limits.memory (16Mi), so it is killed: reason OOMKilled, exit code 137.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: oom
spec:
  restartPolicy: Never
  containers:
  - name: hog
    image: oom:v1
    resources:
      limits:
        memory: 16Mi
${tolerations}`,
  },
  {
    name: 'graceful-delete',
    title: 'Graceful delete of a long-running pod',
    note: 'A ticker prints every 5 seconds, forever. Delete it: STATUS shows Terminating for the grace period (20s here), the kubelet records Killing, then the pod is gone. WASI has no signals, so the module is stopped at the end of the grace period (exit 137).',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: ticker
spec:
  terminationGracePeriodSeconds: 20
  containers:
  - name: ticker
    image: ticker:v1
${tolerations}`,
  },
  {
    name: 'active-deadline',
    title: 'activeDeadlineSeconds',
    note: "The pod may be active for 15 seconds. Then the kubelet records a DeadlineExceeded event and stops the container; STATUS stays Running until it has stopped (30s later: WASI has no SIGTERM), then the phase is Failed with reason DeadlineExceeded and STATUS shows the stopped container's reason, Error, as kubectl does.",
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: deadline
spec:
  activeDeadlineSeconds: 15
  containers:
  - name: ticker
    image: ticker:v1
${tolerations}`,
  },
  {
    name: 'sidecar',
    title: 'A sidecar',
    note: 'An init container with restartPolicy Always is a sidecar: it starts first and keeps running beside the app (READY counts it), and it is stopped after the app finishes.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: with-sidecar
spec:
  restartPolicy: Never
  initContainers:
  - name: logger
    image: ticker:v1
    args: ["2"]
    restartPolicy: Always
  containers:
  - name: app
    image: exerciser:v1
    args: ["print:working", "sleep:10s", "print:done"]
${tolerations}`,
  },
  {
    name: 'no-toleration',
    title: 'No toleration: stays Pending',
    note: "This pod does not tolerate the node's kubernetes.io/arch=wasm32-wasi taint, so the scheduler cannot place it: it stays Pending, PodScheduled False, with a FailedScheduling event naming the untolerated taint. Real clusters say the same.",
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: no-toleration
spec:
  containers:
  - name: hello
    image: hello:v1
`,
  },
  {
    name: 'shared-emptydir',
    title: 'emptyDir shared by two containers',
    note: 'Two containers of one pod mount the same emptyDir: the writer writes a file every few seconds, the reader waits for it and prints it. Both see the same directory.',
    manifest: `apiVersion: v1
kind: Pod
metadata:
  name: shared
spec:
  restartPolicy: Never
  containers:
  - name: writer
    image: exerciser:v1
    args: ["write-file:/shared/message.txt=hello from the writer", "print:wrote the message", "sleep:5s"]
    volumeMounts:
    - name: shared
      mountPath: /shared
  - name: reader
    image: exerciser:v1
    args: ["sleep:2s", "cat:/shared/message.txt"]
    volumeMounts:
    - name: shared
      mountPath: /shared
  volumes:
  - name: shared
    emptyDir: {}
${tolerations}`,
  },
];

export function findExample(name: string | null | undefined): Example | undefined {
  return examples.find((e) => e.name === name);
}
