/**
 * A container's environment and argv, as the v1.33 kubelet builds them
 * (kubelet_pods.go makeEnvironmentVariables, kubecontainer.ExpandContainerCommandAndArgs,
 * third_party/forked/golang/expansion).
 *
 * What differs from a cluster, on purpose:
 * - No service links: the playground has no Services, so no `KUBERNETES_SERVICE_*` or
 *   `<SVC>_PORT` variables, and no HOSTNAME (the container runtime, not the kubelet, adds that).
 * - Order. The kubelet collects variables in a Go map and hands the runtime the map's (random)
 *   iteration order. We keep a stable order instead: each variable sits where it was last
 *   assigned, envFrom sources first (each source's keys sorted, as the API server stores them),
 *   then `env` in declaration order.
 * - envFrom keys are not filtered: since v1.30 (RelaxedEnvironmentVariableValidation) the kubelet
 *   no longer skips "invalid" names nor records InvalidEnvironmentVariableNames events.
 */
import { decodeBase64, utf8Decode } from '../kube/base64.ts';
import type { ConfigMap, Container, Pod, Secret } from '../kube/types.ts';
import { envResourceValue, podFieldValue } from './downwardApi.ts';

/** The kubelet's caches of API objects (its configmap and secret managers), read synchronously. */
export interface ConfigSource {
  configMap(namespace: string, name: string): ConfigMap | undefined;
  secret(namespace: string, name: string): Secret | undefined;
}

/** What env resolution needs from the node: `status.hostIP`, and allocatable for limits. */
export interface NodeFacts {
  nodeName: string;
  hostIP: string;
  /** node.status.allocatable: the limit resourceFieldRef reports when a container sets none. */
  allocatable: Record<string, string>;
}

export type EnvResult =
  { ok: true; env: [name: string, value: string][] } | { ok: false; message: string };

/**
 * Kubernetes `$(VAR)` expansion with a custom lookup: `$(NAME)` becomes `mapping(NAME)`, `$$`
 * becomes `$`, and any other `$` is kept.
 */
export function expandWith(input: string, mapping: (name: string) => string): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') {
      out += '$';
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close < 0) {
        out += '$(';
      } else {
        out += mapping(input.slice(cursor + 2, close));
        advance = close - cursor;
      }
    } else {
      out += `$${next}`;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/**
 * `$(VAR)` expansion as the kubelet applies it to env values, command and args: a defined
 * variable is replaced, an undefined one is left as written, and `$$` escapes a `$`.
 * @example expandVars('$(GREETING), $(WHO)! $$(HOME)', new Map([['GREETING', 'hi']])) // 'hi, $(WHO)! $(HOME)'
 */
export function expandVars(input: string, vars: ReadonlyMap<string, string>): string {
  return expandWith(input, (name) => vars.get(name) ?? `$(${name})`);
}

/** Go's sort.Strings order (bytes, which for these keys is UTF-16 code unit order). */
const sortedKeys = (obj: Record<string, string> | undefined) =>
  Object.keys(obj ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The kubelet's secret manager hands out decoded bytes; Go's string() keeps them as UTF-8. */
function secretValue(secret: Secret, key: string): string | undefined {
  const encoded = secret.data?.[key];
  return encoded === undefined ? undefined : utf8Decode(decodeBase64(encoded));
}

/**
 * The environment of one container, or the error that makes it CreateContainerConfigError
 * (`configmap "cfg" not found`, `couldn't find key k in ConfigMap default/cfg`, ...).
 */
export function resolveEnv(
  pod: Pod,
  container: Container,
  source: ConfigSource,
  node: NodeFacts,
): EnvResult {
  const ns = pod.metadata?.namespace ?? 'default';
  const env = new Map<string, string>();
  // Each variable moves to where it was last assigned (see the module comment on order).
  const assign = (name: string, value: string) => {
    env.delete(name);
    env.set(name, value);
  };
  try {
    for (const from of container.envFrom ?? []) {
      const prefix = from.prefix ?? '';
      if (from.configMapRef) {
        const name = from.configMapRef.name ?? '';
        const cm = source.configMap(ns, name);
        if (!cm) {
          if (from.configMapRef.optional) continue;
          return { ok: false, message: `configmap "${name}" not found` };
        }
        for (const key of sortedKeys(cm.data)) assign(prefix + key, cm.data![key]!);
      } else if (from.secretRef) {
        const name = from.secretRef.name ?? '';
        const secret = source.secret(ns, name);
        if (!secret) {
          if (from.secretRef.optional) continue;
          return { ok: false, message: `secret "${name}" not found` };
        }
        for (const key of sortedKeys(secret.data)) assign(prefix + key, secretValue(secret, key)!);
      }
    }

    for (const v of container.env ?? []) {
      const from = v.valueFrom;
      if (v.value || !from) {
        // Only variables defined so far (and service env, which we have none of) expand.
        assign(v.name, v.value ? expandVars(v.value, env) : '');
        continue;
      }
      if (from.fieldRef) {
        const r = podFieldValue(from.fieldRef, pod, node);
        if (!r.ok) return r;
        assign(v.name, r.value);
      } else if (from.resourceFieldRef) {
        const r = envResourceValue(from.resourceFieldRef, pod, container, node.allocatable);
        if (!r.ok) return r;
        assign(v.name, r.value);
      } else if (from.configMapKeyRef) {
        const { name = '', key, optional } = from.configMapKeyRef;
        const cm = source.configMap(ns, name);
        if (!cm) {
          if (optional) continue;
          return { ok: false, message: `configmap "${name}" not found` };
        }
        // Like the kubelet, only `data` is consulted: a key in `binaryData` is not found.
        const value = cm.data?.[key];
        if (value === undefined) {
          if (optional) continue;
          return { ok: false, message: `couldn't find key ${key} in ConfigMap ${ns}/${name}` };
        }
        assign(v.name, value);
      } else if (from.secretKeyRef) {
        const { name = '', key, optional } = from.secretKeyRef;
        const secret = source.secret(ns, name);
        if (!secret) {
          if (optional) continue;
          return { ok: false, message: `secret "${name}" not found` };
        }
        const value = secretValue(secret, key);
        if (value === undefined) {
          if (optional) continue;
          return { ok: false, message: `couldn't find key ${key} in Secret ${ns}/${name}` };
        }
        assign(v.name, value);
      } else {
        assign(v.name, '');
      }
    }
  } catch (e) {
    // Only a Secret whose data is not base64 gets here; the API server never stores one.
    return { ok: false, message: (e as Error).message };
  }
  return { ok: true, env: [...env] };
}

/**
 * The module's argv: `command` then `args`, each `$(VAR)`-expanded against the container's env.
 * With no `command`, `args` alone: like Krustlet, no program name is put in argv[0].
 */
export function containerArgv(container: Container, env: [string, string][]): string[] {
  const vars = new Map(env);
  return [...(container.command ?? []), ...(container.args ?? [])].map((arg) =>
    expandVars(arg, vars),
  );
}
