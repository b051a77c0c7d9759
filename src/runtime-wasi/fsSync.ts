/**
 * The host's half of mounts: a MemDir's contents go to the worker as a snapshot when the
 * container starts; the module's changes come back as FsOps, are applied to the kubelet's
 * MemDir, and are forwarded to every other running container that mounts the same directory
 * (or one inside it, or one containing it).
 */
import { splitPath } from '../kube/memfs.ts';
import type { MemDir } from '../kube/memfs.ts';
import type { FsOp, TreeDir } from './protocol.ts';

export function snapshot(dir: MemDir): TreeDir {
  const entries: TreeDir['entries'] = [];
  for (const [name, node] of dir.entries) {
    entries.push([
      name,
      node.kind === 'dir' ? snapshot(node) : { kind: 'file', data: compact(node.data) },
    ]);
  }
  return { kind: 'dir', entries };
}

/** postMessage copies a view's whole buffer: send a view of part of one as its own copy. */
function compact(data: Uint8Array): Uint8Array {
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data : data.slice();
}

export function applyOps(dir: MemDir, ops: FsOp[]): void {
  for (const op of ops) {
    if (splitPath(op.path).length === 0) continue;
    switch (op.op) {
      case 'mkdir': {
        const existing = dir.lookup(op.path);
        if (existing?.kind !== 'dir') {
          if (existing) dir.remove(op.path);
          dir.mkdirp(op.path);
        }
        break;
      }
      case 'write':
        if (dir.lookup(op.path)?.kind === 'dir') dir.remove(op.path);
        dir.writeFile(op.path, op.data);
        break;
      case 'remove':
        dir.remove(op.path);
        break;
    }
  }
}

/** Where `inner` sits inside `outer` ('' when they are the same), or undefined. */
export function pathWithin(outer: MemDir, inner: MemDir): string | undefined {
  if (outer === inner) return '';
  for (const [name, node] of outer.entries) {
    if (node.kind !== 'dir') continue;
    const below = pathWithin(node, inner);
    if (below !== undefined) return below ? `${name}/${below}` : name;
  }
  return undefined;
}

/**
 * `ops` made under `from`, as seen from a mount of `to`; undefined when the two directories are
 * unrelated, or when nothing of the change is visible there.
 */
export function rebase(ops: FsOp[], from: MemDir, to: MemDir): FsOp[] | undefined {
  const down = pathWithin(to, from);
  if (down !== undefined) {
    return down === '' ? ops : ops.map((op) => ({ ...op, path: `${down}/${op.path}` }));
  }
  const up = pathWithin(from, to);
  if (up === undefined) return undefined;
  const prefix = `${up}/`;
  const seen = ops
    .filter((op) => op.path.startsWith(prefix))
    .map((op) => ({ ...op, path: op.path.slice(prefix.length) }));
  return seen.length > 0 ? seen : undefined;
}
