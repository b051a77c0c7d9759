/**
 * The downward API: pod fields and container resources as text, shared by env `valueFrom`
 * (fieldRef, resourceFieldRef) and downwardAPI / projected volumes. Ports of the v1.33 kubelet's
 * podFieldSelectorRuntimeValue, fieldpath.ExtractFieldPathAsString and
 * resource.ExtractContainerResourceValue, with their error texts.
 */
import { parseQuantity, quantityMilliValue, quantityValue } from '../kube/quantity.ts';
import type { Quantity } from '../kube/quantity.ts';
import type { Container, Pod } from '../kube/types.ts';
import type { ObjectFieldSelector, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import { convertiblePodFieldLabels as convertibleLabels } from '../kube/podFieldLabels.ts';

export type Resolved = { ok: true; value: string } | { ok: false; message: string };

const ok = (value: string): Resolved => ({ ok: true, value });
const fail = (message: string): Resolved => ({ ok: false, message });

/** What the kubelet knows of its node when it resolves `status.hostIP`. */
export interface HostFacts {
  hostIP: string;
}

/** Go's fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['k']` → ['metadata.labels', 'k']. */
export function splitSubscript(fieldPath: string): [path: string, key: string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const trimmed = fieldPath.slice(0, -2);
  const at = trimmed.indexOf("['");
  if (at <= 0) return undefined;
  return [trimmed.slice(0, at), trimmed.slice(at + 2)];
}

const isPrintable = (ch: string) => ch === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(ch);
const shortEscapes: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's strconv.Quote (`%q`), which the kubelet uses for label and annotation values. */
export function goQuote(text: string): string {
  let out = '"';
  for (const raw of text) {
    // A lone surrogate cannot reach Go: JSON decoding turns it into U+FFFD.
    const ch = raw.length === 1 && /[\uD800-\uDFFF]/.test(raw) ? '\uFFFD' : raw;
    const escaped = shortEscapes[ch];
    if (escaped) out += escaped;
    else if (isPrintable(ch)) out += ch;
    else {
      const cp = ch.codePointAt(0) ?? 0;
      const hex = cp.toString(16);
      if (cp < 0x80) out += `\\x${hex.padStart(2, '0')}`;
      else if (cp < 0x10000) out += `\\u${hex.padStart(4, '0')}`;
      else out += `\\U${hex.padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** fieldpath.FormatMap: `key="value"` lines sorted by key, no trailing newline. */
export function formatMap(map: Record<string, string> | undefined): string {
  return Object.keys(map ?? {})
    .sort(byteOrder)
    .map((key) => `${key}=${goQuote(map![key]!)}`)
    .join('\n');
}

/**
 * fieldpath.ExtractFieldPathAsString: the metadata fields a downwardAPI volume may project.
 * The subscript key is not re-validated here: the API server already rejected invalid keys.
 */
export function extractFieldPath(pod: Pod, fieldPath: string): Resolved {
  const meta = pod.metadata ?? {};
  const sub = splitSubscript(fieldPath);
  if (sub) {
    const [path, key] = sub;
    if (path === 'metadata.annotations') return ok(meta.annotations?.[key] ?? '');
    if (path === 'metadata.labels') return ok(meta.labels?.[key] ?? '');
    return fail(`fieldPath ${JSON.stringify(fieldPath)} does not support subscript`);
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return ok(formatMap(meta.annotations));
    case 'metadata.labels':
      return ok(formatMap(meta.labels));
    case 'metadata.name':
      return ok(meta.name ?? '');
    case 'metadata.namespace':
      return ok(meta.namespace ?? '');
    case 'metadata.uid':
      return ok(meta.uid ?? '');
  }
  return fail(`unsupported fieldPath: ${fieldPath}`);
}

/** podshelper.ConvertDownwardAPIFieldLabel: the version check and the v1 field label table. */
function convertFieldLabel(apiVersion: string, label: string): Resolved {
  if (apiVersion !== 'v1') return fail(`unsupported pod version: ${apiVersion}`);
  const sub = splitSubscript(label);
  if (sub) {
    if (sub[0] === 'metadata.annotations' || sub[0] === 'metadata.labels') return ok(label);
    return fail(`field label does not support subscript: ${label}`);
  }
  if (convertibleLabels.has(label)) return ok(label);
  if (label === 'spec.host') return ok('spec.nodeName');
  return fail(`field label not supported: ${label}`);
}

/**
 * The kubelet's podFieldSelectorRuntimeValue, for env `valueFrom.fieldRef`. Pods here have no
 * network, so `status.podIP` and `status.podIPs` are empty, as the kubelet reports them.
 */
export function podFieldValue(selector: ObjectFieldSelector, pod: Pod, host: HostFacts): Resolved {
  // The API server defaults apiVersion to v1; a pod written by hand may leave it out.
  const converted = convertFieldLabel(selector.apiVersion ?? 'v1', selector.fieldPath);
  if (!converted.ok) return converted;
  switch (converted.value) {
    case 'spec.nodeName':
      return ok(pod.spec?.nodeName ?? '');
    case 'spec.serviceAccountName':
      return ok(pod.spec?.serviceAccountName ?? '');
    case 'status.hostIP':
    case 'status.hostIPs':
      return ok(host.hostIP);
    case 'status.podIP':
    case 'status.podIPs':
      return ok('');
  }
  return extractFieldPath(pod, converted.value);
}

/** A resource list as JSON carries it (a YAML `cpu: 1` may still be a number). */
type ResourceList = Record<string, string>;

function quantityOf(list: ResourceList | undefined, name: string): Quantity | string {
  const raw = list?.[name];
  if (raw === undefined) return parseQuantity('0');
  try {
    return parseQuantity(String(raw));
  } catch (e) {
    return `quantity ${name} ${JSON.stringify(String(raw))}: ${(e as Error).message}`;
  }
}

/** math.Ceil(float64(value)/float64(divisor)) printed as an int64, as the kubelet does. */
const ceilDiv = (value: number, divisor: number) => BigInt(Math.ceil(value / divisor)).toString();

/** resource.ExtractContainerResourceValue: one container's request or limit, over `divisor`. */
export function containerResourceValue(fs: ResourceFieldSelector, container: Container): Resolved {
  let divisor: Quantity;
  try {
    divisor = parseQuantity(String(fs.divisor ?? '0'));
  } catch (e) {
    return fail(`divisor ${JSON.stringify(String(fs.divisor))}: ${(e as Error).message}`);
  }
  if (divisor.mantissa === 0n) divisor = parseQuantity('1');
  const dot = fs.resource.indexOf('.');
  const kind = fs.resource.slice(0, dot);
  const name = fs.resource.slice(dot + 1);
  const list =
    kind === 'limits'
      ? container.resources?.limits
      : kind === 'requests'
        ? container.resources?.requests
        : undefined;
  const known =
    ['cpu', 'memory', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-');
  if (dot < 0 || (kind !== 'limits' && kind !== 'requests') || !known) {
    return fail(`Unsupported container resource : ${fs.resource}`);
  }
  const q = quantityOf(list as ResourceList | undefined, name);
  if (typeof q === 'string') return fail(q);
  // CPU is counted in millicores so that divisor 1m works; everything else in whole units.
  if (name === 'cpu') return ok(ceilDiv(quantityMilliValue(q), quantityMilliValue(divisor)));
  return ok(ceilDiv(quantityValue(q), quantityValue(divisor)));
}

/**
 * resource.MergeContainerResourceLimits: a copy of the container whose unset (or zero) cpu,
 * memory and ephemeral-storage limits are the node's allocatable.
 */
export function withDefaultLimits(container: Container, allocatable: ResourceList): Container {
  const limits: ResourceList = { ...container.resources?.limits };
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const current = limits[name];
    let zero = current === undefined;
    if (!zero) {
      try {
        zero = parseQuantity(String(current)).mantissa === 0n;
      } catch {
        zero = false;
      }
    }
    if (zero && allocatable[name] !== undefined) limits[name] = String(allocatable[name]);
  }
  return { ...container, resources: { ...container.resources, limits } };
}

/** findContainerInPod: app containers first, then init containers. */
export function findContainer(pod: Pod, name: string): Container | undefined {
  return (
    pod.spec?.containers.find((c) => c.name === name) ??
    pod.spec?.initContainers?.find((c) => c.name === name)
  );
}

/**
 * A resourceFieldRef as a downwardAPI volume resolves it
 * (ExtractResourceValueByContainerNameAndNodeAllocatable): the named container, with unset
 * limits defaulted to the node's allocatable.
 */
export function volumeResourceValue(
  fs: ResourceFieldSelector,
  pod: Pod,
  allocatable: ResourceList,
): Resolved {
  const name = fs.containerName ?? '';
  const container = findContainer(pod, name);
  if (!container) return fail(`container ${name} not found`);
  return containerResourceValue(fs, withDefaultLimits(container, allocatable));
}

/**
 * A resourceFieldRef as env resolves it (defaultPodLimitsForDownwardAPI, then
 * containerResourceRuntimeValue): the container itself unless another is named; the limits of
 * app containers (and of the container itself) default to the node's allocatable, those of other
 * init containers do not.
 */
export function envResourceValue(
  fs: ResourceFieldSelector,
  pod: Pod,
  container: Container,
  allocatable: ResourceList,
): Resolved {
  if (!fs.containerName)
    return containerResourceValue(fs, withDefaultLimits(container, allocatable));
  const app = pod.spec?.containers.find((c) => c.name === fs.containerName);
  if (app) return containerResourceValue(fs, withDefaultLimits(app, allocatable));
  const init = pod.spec?.initContainers?.find((c) => c.name === fs.containerName);
  if (init) return containerResourceValue(fs, init);
  return fail(`container ${fs.containerName} not found`);
}
