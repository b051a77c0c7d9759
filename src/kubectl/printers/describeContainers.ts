/**
 * The container blocks of `kubectl describe pod` (describeContainers and friends in
 * k8s.io/kubectl pkg/describe/describe.go, v1.33): IDs and image, ports, command, state and last
 * state, resources, probes, environment and mounts.
 */
import type {
  Container,
  ContainerState,
  ContainerStatus,
  EnvVar,
  Pod,
  Probe,
  ResourceRequirements,
} from 'kubernetes-types/core/v1';
import { quantityMilliValue, quantityValue } from '../../kube/quantity.ts';
import type { PrefixWriter } from './describeWriter.ts';
import {
  compareGoStrings,
  formatRFC1123Z,
  quantityOf,
  quantityText,
  sortedKeys,
} from './format.ts';
import { goEscapePath, goQuote, joinHostPort } from './goValues.ts';

const L2 = 2;
const L3 = 3;

const ports = (
  container: Container,
  pick: (p: { containerPort: number; hostPort?: number }) => number,
) => (container.ports ?? []).map((p) => `${pick(p)}/${p.protocol ?? ''}`).join(', ');

function describeBasicInfo(
  c: Container,
  status: ContainerStatus | undefined,
  space: string,
  w: PrefixWriter,
): void {
  w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(L2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(L2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(L2, `Image ID:\t${status.imageID ?? ''}\n`);
  const portText = ports(c, (p) => p.containerPort);
  w.write(
    L2,
    portText.includes(',') ? `Ports:\t${portText}\n` : `Port:\t${portText || '<none>'}\n`,
  );
  const hostText = ports(c, (p) => p.hostPort ?? 0);
  w.write(
    L2,
    hostText.includes(',') ? `Host Ports:\t${hostText}\n` : `Host Port:\t${hostText || '<none>'}\n`,
  );
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(L2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost')
      w.write(L3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeCommand(c: Container, w: PrefixWriter): void {
  for (const [title, list] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!list || list.length === 0) continue;
    w.write(L2, `${title}:\n`);
    for (const item of list) for (const line of item.split('\n')) w.write(L3, `${line}\n`);
  }
}

/** describeResources: Limits then Requests, each sorted by resource name. */
export function describeResources(
  resources: ResourceRequirements | undefined,
  w: PrefixWriter,
  level: number,
  where: string,
): void {
  if (!resources) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = sortedKeys(list);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) {
      const value = quantityText(list![name], `${where}.${title.toLowerCase()}.${name}`);
      w.write(level + 1, `${name}:\t${value}\n`);
    }
  }
}

/** describeStatus: one container state, "Waiting" when none is set. */
function describeStatus(title: string, state: ContainerState | undefined, w: PrefixWriter): void {
  if (state?.running) {
    w.write(L2, `${title}:\tRunning\n`);
    w.write(L3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(L2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(L3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(L2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(L3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(L3, `Message:\t${t.message}\n`);
    w.write(L3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(L3, `Signal:\t${t.signal}\n`);
    w.write(L3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(L3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(L2, `${title}:\tWaiting\n`);
  }
}

/** DescribeProbe: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(p: Probe): string {
  const attrs =
    `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s ` +
    `#success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const port = String(p.httpGet.port ?? '');
    const host = port ? joinHostPort(p.httpGet.host ?? '', port) : (p.httpGet.host ?? '');
    const scheme = (p.httpGet.scheme ?? '').toLowerCase();
    let path = p.httpGet.path ?? '';
    if (path && !path.startsWith('/') && host) path = `/${path}`;
    const authority = (scheme || host) && (host || path) ? `//${host}` : '';
    const url = `${scheme ? `${scheme}:` : ''}${authority}${goEscapePath(path)}`;
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket)
    return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port ?? '')} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

/**
 * EnvValueRetriever: kubectl converts the field label with its client scheme, which only knows
 * metadata.name and metadata.namespace for pods; every other field path shows as empty.
 */
function resolveFieldRef(pod: Pod, fieldPath: string): string {
  if (fieldPath === 'metadata.name') return pod.metadata?.name ?? '';
  if (fieldPath === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  return '';
}

/** ExtractContainerResourceValue: ceil(value / divisor) for cpu, memory, ephemeral-storage, hugepages. */
function resourceFieldValue(
  c: Container,
  resource: string,
  divisorText: unknown,
  where: string,
): string {
  const dot = resource.indexOf('.');
  const [kind, name] = [resource.slice(0, dot), resource.slice(dot + 1)];
  const list =
    kind === 'limits' ? c.resources?.limits : kind === 'requests' ? c.resources?.requests : null;
  const known =
    name === 'cpu' ||
    name === 'memory' ||
    name === 'ephemeral-storage' ||
    name.startsWith('hugepages-');
  if (dot < 0 || list === null || !known) return ''; // kubectl's "Unsupported container resource"
  const divisor = quantityOf(divisorText ?? '1', where);
  const value = quantityOf(list?.[name] ?? '0', where);
  // A zero divisor means the default, 1.
  const ratio =
    name === 'cpu'
      ? quantityMilliValue(value) / (quantityMilliValue(divisor) || 1000)
      : quantityValue(value) / (quantityValue(divisor) || 1);
  return String(Math.ceil(ratio));
}

function describeEnv(c: Container, pod: Pod, w: PrefixWriter, where: string): void {
  const env: EnvVar[] = c.env ?? [];
  w.write(L2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    if (!e.valueFrom) {
      (e.value ?? '').split('\n').forEach((line, i) => {
        w.write(L3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
      });
      continue;
    }
    const from = e.valueFrom;
    if (from.fieldRef) {
      const value = resolveFieldRef(pod, from.fieldRef.fieldPath);
      w.write(
        L3,
        `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`,
      );
    } else if (from.resourceFieldRef) {
      const resource = from.resourceFieldRef.resource;
      let value = resourceFieldValue(
        c,
        resource,
        from.resourceFieldRef.divisor,
        `${where}.env.${e.name}`,
      );
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(L3, `${e.name}:\t${value} (${resource})\n`);
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef;
      w.write(
        L3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef;
      w.write(
        L3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`,
      );
    }
  }
}

function describeEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(L2, 'Environment Variables from:\n');
  for (const e of c.envFrom ?? []) {
    const [from, ref] = e.configMapRef
      ? ['ConfigMap', e.configMapRef]
      : e.secretRef
        ? ['Secret', e.secretRef]
        : ['', undefined];
    const optional = ref?.optional === true;
    const source = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    w.write(L3, `${ref?.name ?? ''}\t${source}\tOptional: ${optional}\n`);
  }
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const none = (c.volumeMounts ?? []).length === 0 ? '\t<none>' : '';
  w.write(L2, `Mounts:${none}\n`);
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
    compareGoStrings(a.mountPath, b.mountPath),
  );
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${goQuote(m.subPath)}`);
    w.write(L3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  if ((c.volumeDevices ?? []).length > 0) {
    // kubectl reuses the mounts' "<none>" marker here.
    w.write(L2, `Devices:${none}\n`);
    const devices = [...c.volumeDevices!].sort((a, b) =>
      compareGoStrings(a.devicePath, b.devicePath),
    );
    for (const d of devices) w.write(L3, `${d.devicePath} from ${d.name}\n`);
  }
}

/** describeContainers: "<label>:" (or "<label>: <none>") and one block per container. */
export function describeContainers(
  label: string,
  containers: readonly Container[] | undefined,
  statuses: readonly ContainerStatus[] | undefined,
  pod: Pod,
  w: PrefixWriter,
  field: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  const list = containers ?? [];
  w.write(0, `${label}:${list.length === 0 ? ' <none>' : ''}\n`);
  list.forEach((c, i) => {
    const where = `spec.${field}[${i}]`;
    const status = byName.get(c.name);
    describeBasicInfo(c, status, '', w);
    describeCommand(c, w);
    if (status) {
      describeStatus('State', status.state, w);
      if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
      w.write(L2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(L2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(c.resources, w, L2, `${where}.resources`);
    if (c.livenessProbe) w.write(L2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(L2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(L2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(c, w);
    describeEnv(c, pod, w, where);
    describeMounts(c, w);
  });
}
