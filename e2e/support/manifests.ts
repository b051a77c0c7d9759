/**
 * Manifests the browser tests and the page's bench apply: a `hello` pod that prints one line and
 * exits, tolerating the wasm node's taint.
 */
export const helloPod = (name: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: Never
  containers:
  - name: hello
    image: hello:v1
  tolerations:
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoSchedule}
  - {key: kubernetes.io/arch, operator: Equal, value: wasm32-wasi, effect: NoExecute}
`;
