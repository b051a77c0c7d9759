/**
 * Pod volumes on the in-memory filesystem, as the v1.33 kubelet's volume plugins set them up
 * (pkg/volume/{configmap,secret,downwardapi,projected,emptydir,hostpath}) and as makeMounts
 * hands them to the runtime (kubelet_pods.go), with the FailedMount and
 * CreateContainerConfigError texts a cluster shows.
 *
 * Differences from a cluster, on purpose:
 * - Files are written in place, not through the atomic writer's `..data` symlinks (MemFS has
 *   none), but an update replaces changed entries with new nodes, so a subPath mount keeps the
 *   old content exactly as on a cluster ("a container using a ConfigMap as a subPath volume will
 *   not receive ConfigMap updates").
 * - hostPath with no `type` creates a missing directory: on a cluster the container runtime does
 *   that when it bind-mounts a missing source.
 * - emptyDir `medium` and `sizeLimit` are accepted and ignored: everything is in memory.
 * - serviceAccountToken writes an unsigned placeholder token: there is no token issuer.
 */
import { MemDir, MemFile, splitPath, type MemNode } from '../kube/memfs.ts';
import type { Container, Pod } from '../kube/types.ts';
import type { Volume } from 'kubernetes-types/core/v1';
import { expandWith, type ConfigSource } from './env.ts';
import type { Mount } from './ports.ts';
import { buildTree, fail, payloadOf, writeTree, type Result } from './volumeContents.ts';

/** The node's own filesystem: hostPath volumes are paths inside `hostPaths`. */
export interface NodeVolumes {
  hostPaths: MemDir;
  /** node.status.allocatable, the default limit a downwardAPI resourceFieldRef reports. */
  allocatable?: Record<string, string>;
}

/** A pod's set-up volumes, by volume name. emptyDirs live here and go with the pod. */
export interface PodVolumes {
  byName: Map<string, MemDir>;
  /** Volumes that are one file (a hostPath of type File): the file's name inside byName's dir. */
  files?: Map<string, string>;
  /** Set by setUpVolumes, for refreshVolumes: the node the volumes were set up on. */
  node?: NodeVolumes;
  /**
   * Set by setUpVolumes: the top-level names written into each configMap, secret, downwardAPI
   * and projected volume, so that an update removes the keys that are gone.
   */
  written?: Map<string, Set<string>>;
}

export type MountResult =
  | { ok: true; volumes: PodVolumes }
  | { ok: false; failures: { volume: string; message: string }[] };

const SUPPORTED = 'configMap, secret, emptyDir, hostPath, downwardAPI and projected';
/** These plugins report ReadOnly in their attributes, so makeMounts always mounts them read-only. */
const READ_ONLY_KINDS = new Set(['configMap', 'secret', 'downwardAPI', 'projected']);

/** The volume's source field; with none, the API server's default, emptyDir. */
function kindOf(volume: Volume): string {
  const record = volume as unknown as Record<string, unknown>;
  return Object.keys(record).find((k) => k !== 'name' && record[k] != null) ?? 'emptyDir';
}

// ---- set-up ---------------------------------------------------------------------------------

type Prepared =
  { ok: true; dir: MemDir; file?: string; top?: Set<string> } | { ok: false; message: string };

function hostPathVolume(path: string, type: string, node: NodeVolumes): Prepared {
  if (path.split('/').includes('..'))
    return fail(`invalid HostPath \`${path}\`: must not contain '..'`);
  const found = node.hostPaths.lookup(path);
  const parentPath = splitPath(path).slice(0, -1).join('/');
  const name = splitPath(path).at(-1);
  const asFile = (): Prepared => ({
    ok: true,
    dir: node.hostPaths.lookup(parentPath) as MemDir,
    file: name!,
  });
  const create = (): Prepared => {
    const made = mkdirAll(node.hostPaths, splitPath(path), 0o755);
    return made.ok ? { ok: true, dir: made.value } : made;
  };
  switch (type) {
    case '':
      if (found?.kind === 'file') return asFile();
      return found ? { ok: true, dir: found } : create();
    case 'DirectoryOrCreate':
    case 'Directory':
      if (!found && type === 'DirectoryOrCreate') return create();
      if (found?.kind !== 'dir')
        return fail(`hostPath type check failed: ${path} is not a directory`);
      return { ok: true, dir: found };
    case 'FileOrCreate':
    case 'File':
      if (!found && type === 'FileOrCreate' && name !== undefined) {
        // Like os.OpenFile(O_CREATE): the parent directory must already exist.
        const parent = node.hostPaths.lookup(parentPath);
        if (parent?.kind !== 'dir') return fail(`open ${path}: no such file or directory`);
        parent.entries.set(name, new MemFile(new Uint8Array(0), 0o644));
        return asFile();
      }
      if (found?.kind !== 'file') return fail(`hostPath type check failed: ${path} is not a file`);
      return asFile();
    // The in-memory node has no sockets or devices.
    case 'Socket':
      return fail(`hostPath type check failed: ${path} is not a socket file`);
    case 'CharDevice':
      return fail(`hostPath type check failed: ${path} is not a character device`);
    case 'BlockDevice':
      return fail(`hostPath type check failed: ${path} is not a block device`);
  }
  return fail(`${type} is an invalid volume type`);
}

function prepare(
  volume: Volume,
  pod: Pod,
  source: ConfigSource,
  node: NodeVolumes,
  existing: PodVolumes | undefined,
): Prepared {
  const kind = kindOf(volume);
  const current = existing?.byName.get(volume.name);
  if (kind === 'emptyDir') return { ok: true, dir: current ?? new MemDir(0o777) };
  if (kind === 'hostPath')
    return hostPathVolume(volume.hostPath!.path, volume.hostPath!.type ?? '', node);
  if (!READ_ONLY_KINDS.has(kind)) {
    return fail(
      `${kind} volumes are not supported by the Kubelet Playground (it supports ${SUPPORTED})`,
    );
  }
  const payload = payloadOf(kind, volume, pod, source, node.allocatable ?? {});
  if (!payload.ok) return payload;
  const tree = buildTree(payload.value);
  if (!tree.ok) return tree;
  const dir = current ?? new MemDir();
  writeTree(dir, tree.value, existing?.written?.get(volume.name));
  return { ok: true, dir, top: new Set(tree.value.entries.keys()) };
}

/**
 * Sets up every volume of the pod, as the volume manager does before any container starts.
 * Pass `existing` to keep emptyDir contents (container restarts, a retry after a failure).
 * @example
 * const r = setUpVolumes(pod, config, { hostPaths });
 * if (!r.ok) for (const f of r.failures) events.warn('FailedMount', f.message);
 */
export function setUpVolumes(
  pod: Pod,
  source: ConfigSource,
  node: NodeVolumes,
  existing?: PodVolumes,
): MountResult {
  const volumes: Required<PodVolumes> = {
    byName: new Map(),
    files: new Map(),
    node,
    written: new Map(),
  };
  const failures: { volume: string; message: string }[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    let r: Prepared;
    try {
      r = prepare(volume, pod, source, node, existing);
    } catch (e) {
      // Only data the API server would never store (bad base64) gets here.
      r = fail((e as Error).message);
    }
    if (!r.ok) {
      failures.push({
        volume: volume.name,
        message: `MountVolume.SetUp failed for volume "${volume.name}" : ${r.message}`,
      });
      continue;
    }
    volumes.byName.set(volume.name, r.dir);
    if (r.file !== undefined) volumes.files.set(volume.name, r.file);
    if (r.top) volumes.written.set(volume.name, r.top);
  }
  return failures.length ? { ok: false, failures } : { ok: true, volumes };
}

/**
 * Rewrites configMap, secret, downwardAPI and projected volumes from the current objects and
 * pod, as the kubelet's periodic remount does; true when any file changed. A source that is
 * missing now leaves its volume as it was, as on a cluster.
 */
export function refreshVolumes(pod: Pod, source: ConfigSource, volumes: PodVolumes): boolean {
  let changed = false;
  for (const volume of pod.spec?.volumes ?? []) {
    const kind = kindOf(volume);
    const dir = volumes.byName.get(volume.name);
    if (!dir || !READ_ONLY_KINDS.has(kind)) continue;
    try {
      const payload = payloadOf(kind, volume, pod, source, volumes.node?.allocatable ?? {});
      const tree = payload.ok ? buildTree(payload.value) : payload;
      if (!tree.ok) continue;
      if (writeTree(dir, tree.value, volumes.written?.get(volume.name))) changed = true;
      volumes.written?.set(volume.name, new Set(tree.value.entries.keys()));
    } catch {
      continue;
    }
  }
  return changed;
}

// ---- mounts ---------------------------------------------------------------------------------

type MountsResult = { ok: true; mounts: Mount[] } | { ok: false; message: string };

/** kubecontainer.ExpandContainerVolumeMounts: every referenced variable must be set and non-empty. */
function expandSubPathExpr(expr: string, env: readonly [string, string][]): Result<string> {
  const vars = new Map(env);
  const missing = new Set<string>();
  const value = expandWith(expr, (name) => {
    const v = vars.get(name) ?? '';
    if (!v) missing.add(name);
    return v;
  });
  if (missing.size) return fail(`missing value for ${[...missing].sort().join(', ')}`);
  return { ok: true, value };
}

/**
 * os.MkdirAll below `root` (subpather.SafeMakeDir for subPaths): creates the missing directories
 * with `mode`; a file in the way is an error naming it, as Go's `mkdir /a: not a directory`.
 */
function mkdirAll(root: MemDir, parts: string[], mode: number): Result<MemDir> {
  let at = root;
  for (const [i, part] of parts.entries()) {
    let next = at.entries.get(part);
    if (next?.kind === 'file')
      return fail(`mkdir /${parts.slice(0, i + 1).join('/')}: not a directory`);
    if (!next) at.entries.set(part, (next = new MemDir(mode)));
    at = next;
  }
  return { ok: true, value: at };
}

/** What a subPath selects; a missing one is created as a directory with the volume's mode. */
function subPathNode(volume: MemDir, subPath: string): MemNode | undefined {
  const found = volume.lookup(subPath);
  if (found) return found;
  const made = mkdirAll(volume, splitPath(subPath), volume.mode);
  return made.ok ? made.value : undefined;
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';
const isWithin = (inner: string, outer: string) =>
  inner === outer || inner.startsWith(outer === '/' ? '/' : `${outer}/`);

/**
 * The container's mounts, as makeMounts builds them: one per volumeMount, at an absolute guest
 * path; configMap, secret, downwardAPI and projected volumes always read-only. `subPath` (or
 * `subPathExpr`, expanded from `env`) selects a directory of the volume, created when missing,
 * or a single file.
 *
 * A single file cannot be a WASI preopen, so it is presented as a directory of its own at the
 * mount path's parent holding the very same file node under the mount path's name (writes reach
 * the volume; files created next to it stay in that directory, like a container's own rootfs).
 * Single files sharing a parent share that directory.
 */
export function containerMounts(
  pod: Pod,
  container: Container,
  volumes: PodVolumes,
  env: readonly [string, string][] = [],
): MountsResult {
  const specs = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  const planned: Planned[] = [];
  for (const vm of container.volumeMounts ?? []) {
    const notFound = `cannot find volume "${vm.name}" to mount into container "${container.name}"`;
    const dir = volumes.byName.get(vm.name);
    if (!dir) return fail(notFound);
    const spec = specs.get(vm.name);
    const readOnly = !!vm.readOnly || (spec !== undefined && READ_ONLY_KINDS.has(kindOf(spec)));
    const path = `/${splitPath(vm.mountPath).join('/')}`;
    let subPath = vm.subPath ?? '';
    if (vm.subPathExpr) {
      const expanded = expandSubPathExpr(vm.subPathExpr, env);
      if (!expanded.ok) return expanded;
      subPath = expanded.value;
    }
    const fileName = volumes.files?.get(vm.name);
    let node: MemNode | undefined = fileName === undefined ? dir : dir.entries.get(fileName);
    if (subPath) {
      if (subPath.startsWith('/')) {
        return fail(`error SubPath \`${subPath}\` must not be an absolute path`);
      }
      if (subPath.split('/').includes('..')) {
        return fail(`unable to provision SubPath \`${subPath}\`: must not contain '..'`);
      }
      node = node?.kind === 'dir' ? subPathNode(node, subPath) : undefined;
      if (!node) {
        return fail(
          `failed to create subPath directory for volumeMount "${vm.name}" of container "${container.name}"`,
        );
      }
    }
    if (!node) return fail(notFound);
    if (node.kind === 'file' && path === '/') {
      return fail(`volumeMount "${vm.name}" puts a single file at /, which must be a directory`);
    }
    planned.push({ path, name: vm.name, node, readOnly });
  }
  return placeFiles(planned);
}

type Planned = { path: string; name: string; node: MemNode; readOnly: boolean };

/** Turns the planned mounts into Mounts, one directory per parent path of single files. */
function placeFiles(planned: Planned[]): MountsResult {
  const dirMounts = planned.filter((p) => p.node.kind === 'dir');
  const out: Mount[] = [];
  const groups = new Map<string, { mount: Mount; first: Planned }>();
  for (const p of planned) {
    if (p.node.kind === 'dir') {
      out.push({ path: p.path, dir: p.node, readOnly: p.readOnly });
      continue;
    }
    const parent = parentOf(p.path);
    const hidden = dirMounts.find((m) => isWithin(parent, m.path));
    if (hidden) {
      return fail(
        `volumeMount "${p.name}" mounts the single file ${p.path} inside the directory mounted at ${hidden.path}: ` +
          `the Kubelet Playground presents a single file through a directory of its own (${parent}), which would hide that mount; mount the file elsewhere or mount its directory`,
      );
    }
    const group = groups.get(parent);
    if (group && group.first.readOnly !== p.readOnly) {
      return fail(
        `volumeMounts "${group.first.name}" and "${p.name}" mount a read-only and a writable single file into ${parent}: ` +
          'the Kubelet Playground presents the files of one directory through one mount, which is either read-only or not',
      );
    }
    const mount = group?.mount ?? { path: parent, dir: new MemDir(), readOnly: p.readOnly };
    mount.dir.entries.set(p.path.slice(parent.length).replace(/^\//, ''), p.node);
    if (!group) {
      groups.set(parent, { mount, first: p });
      out.push(mount);
    }
  }
  return { ok: true, mounts: out };
}
