/**
 * What the kubelet writes into configMap, secret, downwardAPI and projected volumes: the
 * plugins' payloads (configmap.MakePayload, secret.MakePayload, downwardapi.CollectData,
 * projected collectData) with their error texts, and the atomic writer's path checks, then an
 * in-place update of the volume's directory.
 */
import { encodeBase64Url, utf8Encode, decodeBase64 } from '../kube/base64.ts';
import { MemDir, MemFile, splitPath, type MemNode } from '../kube/memfs.ts';
import { parseTime } from '../kube/time.ts';
import type { Pod } from '../kube/types.ts';
import type {
  DownwardAPIVolumeFile,
  KeyToPath,
  ServiceAccountTokenProjection,
  Volume,
} from 'kubernetes-types/core/v1';
import { extractFieldPath, volumeResourceValue } from './downwardApi.ts';
import type { ConfigSource } from './env.ts';

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };
/** File contents by path relative to the volume, as the volume plugins hand them to the writer. */
export type Payload = Map<string, { data: Uint8Array; mode: number }>;

/** The API server's default for defaultMode (0644). */
const DEFAULT_MODE = 0o644;

export const fail = (message: string) => ({ ok: false as const, message });

/** MakePayload of configMap and secret: every key, or just `items` (key → path, mode). */
function keyPayload(
  kind: 'configmap' | 'secret',
  items: KeyToPath[] | undefined,
  values: Map<string, Uint8Array>,
  defaultMode: number,
  optional: boolean,
): Result<Payload> {
  const payload: Payload = new Map();
  if (!items?.length) {
    for (const [key, data] of values) payload.set(key, { data, mode: defaultMode });
    return { ok: true, value: payload };
  }
  for (const item of items) {
    const data = values.get(item.key);
    if (!data) {
      if (optional) continue;
      return fail(
        kind === 'configmap'
          ? `configmap references non-existent config key: ${item.key}`
          : `references non-existent secret key: ${item.key}`,
      );
    }
    payload.set(item.path, { data, mode: item.mode ?? defaultMode });
  }
  return { ok: true, value: payload };
}

type KeySource = { name?: string; items?: KeyToPath[]; optional?: boolean };

function configMapPayload(ns: string, s: KeySource, source: ConfigSource, mode: number) {
  const name = s.name ?? '';
  const cm = source.configMap(ns, name);
  if (!cm && !s.optional) return fail(`configmap "${name}" not found`);
  const values = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(cm?.data ?? {})) values.set(k, utf8Encode(v));
  for (const [k, v] of Object.entries(cm?.binaryData ?? {})) values.set(k, decodeBase64(v));
  return keyPayload('configmap', s.items, values, mode, !!s.optional);
}

function secretPayload(ns: string, s: KeySource, source: ConfigSource, mode: number) {
  const name = s.name ?? '';
  const secret = source.secret(ns, name);
  if (!secret && !s.optional) return fail(`secret "${name}" not found`);
  const values = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(secret?.data ?? {})) values.set(k, decodeBase64(v));
  return keyPayload('secret', s.items, values, mode, !!s.optional);
}

/** downwardapi.CollectData: every item is tried; each failure is an error of its own. */
function downwardPayload(
  items: DownwardAPIVolumeFile[] | undefined,
  pod: Pod,
  allocatable: Record<string, string>,
  defaultMode: number,
): { payload: Payload; errors: string[] } {
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const item of items ?? []) {
    const r = item.fieldRef
      ? extractFieldPath(pod, item.fieldRef.fieldPath)
      : item.resourceFieldRef
        ? volumeResourceValue(item.resourceFieldRef, pod, allocatable)
        : { ok: true as const, value: '' };
    if (!r.ok) errors.push(r.message);
    const data = utf8Encode(r.ok ? r.value : '');
    payload.set(cleanPath(item.path), { data, mode: item.mode ?? defaultMode });
  }
  return { payload, errors };
}

/** Go's path.Clean, which CollectData applies to item paths before they are validated. */
function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of splitPath(path)) {
    if (part !== '..') out.push(part);
    else if (out.length && out.at(-1) !== '..') out.pop();
    else if (!rooted) out.push(part);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined || '.';
}

/** utilerrors.NewAggregate(...).Error(): one message alone, several as `[a, b]` (deduplicated). */
function aggregate(messages: string[]) {
  const unique = [...new Set(messages)];
  return fail(unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`);
}

const base64Url = (text: string) => encodeBase64Url(utf8Encode(text));
const JWT_HEADER = base64Url(JSON.stringify({ alg: 'none', typ: 'JWT' }));

/**
 * A JWT-shaped stand-in for the bound service account token (TokenRequest). It has the claims a
 * real one carries, is unsigned (`alg: none`), and says it is a placeholder.
 */
export function placeholderToken(pod: Pod, projection: ServiceAccountTokenProjection): string {
  const issuer = 'https://kubernetes.default.svc.cluster.local';
  const iat = Math.floor((parseTime(pod.metadata?.creationTimestamp) ?? 0) / 1000);
  const ns = pod.metadata?.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName || 'default';
  const claims = {
    aud: [projection.audience || issuer],
    exp: iat + (projection.expirationSeconds ?? 3600),
    iat,
    iss: issuer,
    'kubernetes.io': {
      namespace: ns,
      node: { name: pod.spec?.nodeName ?? '' },
      pod: { name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' },
      serviceaccount: { name: sa },
    },
    nbf: iat,
    playground:
      'Placeholder from Kubelet Playground: unsigned, and no API server accepts it. There is no token issuer here.',
    sub: `system:serviceaccount:${ns}:${sa}`,
  };
  return `${JWT_HEADER}.${base64Url(JSON.stringify(claims))}.`;
}

/**
 * The payload of a configMap, secret, downwardAPI or projected volume, or the SetUp error.
 * @throws CorruptInputError for base64 the API server would never have stored
 */
export function payloadOf(
  kind: string,
  v: Volume,
  pod: Pod,
  src: ConfigSource,
  allocatable: Record<string, string>,
): Result<Payload> {
  const ns = pod.metadata?.namespace ?? 'default';
  const collected = (r: Result<Payload>) =>
    r.ok ? { payload: r.value, errors: [] } : { payload: new Map(), errors: [r.message] };
  const parts: { payload: Payload; errors: string[] }[] = [];
  if (kind === 'configMap') {
    const c = v.configMap!;
    parts.push(collected(configMapPayload(ns, c, src, c.defaultMode ?? DEFAULT_MODE)));
  } else if (kind === 'secret') {
    const s = v.secret!;
    const mode = s.defaultMode ?? DEFAULT_MODE;
    parts.push(collected(secretPayload(ns, { ...s, name: s.secretName }, src, mode)));
  } else if (kind === 'downwardAPI') {
    const d = v.downwardAPI!;
    parts.push(downwardPayload(d.items, pod, allocatable, d.defaultMode ?? DEFAULT_MODE));
  } else {
    // projected: the sources in order into one directory, later paths winning.
    const mode = v.projected!.defaultMode ?? DEFAULT_MODE;
    for (const s of v.projected!.sources ?? []) {
      if (s.secret) parts.push(collected(secretPayload(ns, s.secret, src, mode)));
      else if (s.configMap) parts.push(collected(configMapPayload(ns, s.configMap, src, mode)));
      else if (s.downwardAPI)
        parts.push(downwardPayload(s.downwardAPI.items, pod, allocatable, mode));
      else if (s.serviceAccountToken) {
        const token = utf8Encode(placeholderToken(pod, s.serviceAccountToken));
        const payload: Payload = new Map([[s.serviceAccountToken.path, { data: token, mode }]]);
        parts.push({ payload, errors: [] });
      } else {
        const what = Object.keys(s).join(', ') || 'with no source';
        const message = `projected source ${what} is not supported by the Kubelet Playground`;
        parts.push({ payload: new Map(), errors: [message] });
      }
    }
  }
  const payload: Payload = new Map();
  const errors: string[] = [];
  for (const part of parts) {
    for (const [path, file] of part.payload) payload.set(path, file);
    errors.push(...part.errors);
  }
  return errors.length ? aggregate(errors) : { ok: true, value: payload };
}

// ---- writing a payload (the atomic writer's checks, then an in-place update) --------------------

/** atomic_writer.go validatePath. */
function validatePath(path: string): string | undefined {
  if (path === '') return `invalid path: must not be empty: ""`;
  if (path.startsWith('/')) return `invalid path: must be relative path: ${path}`;
  if (path.length > 4096) return 'invalid path: must be less than or equal to 4096 characters';
  const items = path.split('/');
  for (const item of items) {
    if (item === '..') return `invalid path: must not contain '..': ${path}`;
    if (item.length > 255)
      return 'invalid path: filenames must be less than or equal to 255 characters';
  }
  if (items[0]!.startsWith('..') && items[0]!.length > 2)
    return `invalid path: must not start with '..': ${path}`;
  return undefined;
}

/** The payload as a directory tree, after the atomic writer's path checks. */
export function buildTree(payload: Payload): Result<MemDir> {
  const root = new MemDir();
  for (const [raw, file] of [...payload].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const invalid = validatePath(raw);
    if (invalid) return fail(invalid);
    const parts = splitPath(raw);
    const name = parts.pop();
    if (name === undefined) return fail(`open ${raw}: is a directory`);
    let dir = root;
    for (let i = 0; i < parts.length; i++) {
      const next = dir.entries.get(parts[i]!);
      if (next?.kind === 'file')
        return fail(`mkdir ${parts.slice(0, i + 1).join('/')}: not a directory`);
      dir = next ?? dir.mkdirp(parts[i]!);
    }
    if (dir.entries.get(name)?.kind === 'dir')
      return fail(`open ${parts.concat(name).join('/')}: is a directory`);
    dir.entries.set(name, new MemFile(file.data, file.mode));
  }
  return { ok: true, value: root };
}

function sameTree(a: MemNode, b: MemNode): boolean {
  if (a.kind !== b.kind || a.mode !== b.mode) return false;
  if (a.kind === 'file' && b.kind === 'file') {
    return a.data.length === b.data.length && a.data.every((byte, i) => byte === b.data[i]);
  }
  if (a.kind !== 'dir' || b.kind !== 'dir' || a.entries.size !== b.entries.size) return false;
  for (const [name, node] of a.entries) {
    const other = b.entries.get(name);
    if (!other || !sameTree(node, other)) return false;
  }
  return true;
}

/**
 * Brings `dir` to `tree`: changed top-level entries are replaced by new nodes, entries written
 * last time and gone now are removed, anything else (a subPath directory) is left alone.
 */
export function writeTree(dir: MemDir, tree: MemDir, previous: Set<string> | undefined): boolean {
  let changed = false;
  for (const [name, node] of tree.entries) {
    const old = dir.entries.get(name);
    if (old && sameTree(old, node)) continue;
    dir.entries.set(name, node);
    changed = true;
  }
  for (const name of previous ?? []) {
    if (!tree.entries.has(name) && dir.entries.delete(name)) changed = true;
  }
  return changed;
}
