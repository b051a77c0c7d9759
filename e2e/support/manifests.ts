/**
 * Manifests the browser tests and the page's bench apply, each a pod tolerating the wasm node's
 * taint: `hello`, which prints one line and exits, and `ticker`, which prints forever.
 */

/** A pod with the wasm node's tolerations; `spec` is its spec's lines before them. */
export const wasmPod = (name: string, spec: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${spec}  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}
`;

export const helloPod = (name: string): string =>
  wasmPod(
    name,
    `  restartPolicy: Never
  containers:
  - name: hello
    image: hello:v1
`,
  );

/** A pod whose one container prints `tick N` every `interval` (`500ms`, `5s`). */
export const tickerPod = (name: string, interval: string): string =>
  wasmPod(
    name,
    `  containers:
  - name: ticker
    image: ticker:v1
    args: ["${interval}"]
`,
  );
