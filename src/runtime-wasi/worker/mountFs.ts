/**
 * The worker's copy of the container's mounts, built on browser_wasi_shim's in-memory files.
 * The shim's classes are subclassed (not forked) to add three things: read-only mounts refuse
 * writes with EROFS, file descriptors honour the rights they were opened with, and every change
 * is noticed so that it can be written back to the kubelet's MemDir on the host.
 */
import { Directory, File, OpenDirectory, OpenFile, wasi } from '@bjorn3/browser_wasi_shim';
import type { Inode } from '@bjorn3/browser_wasi_shim';
import type { FsOp, MountSpec, TreeDir } from '../protocol.ts';

const ALL_RIGHTS = (1n << 29n) - 1n;
const WRITE = BigInt(wasi.RIGHTS_FD_WRITE);

/** One mount's shared state: whether it is read-only, and the run's "something changed" flag. */
interface MountCtx {
  readonly readOnly: boolean;
  readonly changes: { dirty: boolean };
}

type Result<T> = { ret: number } & T;

export class MountFile extends File {
  /** Bumped on every change, so a diff can tell which files to send back. */
  version = 0;
  constructor(
    readonly ctx: MountCtx,
    data: Uint8Array,
  ) {
    super(new Uint8Array(0));
    // The shim's constructor copies; the tree owns the bytes it was given.
    this.data = data;
  }

  touch(): void {
    this.version++;
    this.ctx.changes.dirty = true;
  }

  override path_open(
    oflags: number,
    rights: bigint,
    fdflags: number,
  ): Result<{ fd_obj: OpenFile }> {
    const writing = (rights & WRITE) !== 0n || (oflags & wasi.OFLAGS_TRUNC) !== 0;
    if (writing && this.ctx.readOnly) return refuse(wasi.ERRNO_ROFS);
    if (oflags & wasi.OFLAGS_TRUNC) {
      this.data = new Uint8Array(0);
      this.touch();
    }
    const append = (fdflags & wasi.FDFLAGS_APPEND) !== 0;
    return { ret: wasi.ERRNO_SUCCESS, fd_obj: new MountOpenFile(this, rights, append) };
  }
}

/** The shim types `fd_obj` as non-null, but its callers check `ret` first. */
function refuse(errno: number): Result<{ fd_obj: OpenFile }> {
  return { ret: errno, fd_obj: null as unknown as OpenFile };
}

export class MountOpenFile extends OpenFile {
  declare file: MountFile;
  constructor(
    file: MountFile,
    readonly rights: bigint,
    readonly append: boolean,
  ) {
    super(file);
    if (append) this.file_pos = file.size;
  }

  get writable(): boolean {
    return (this.rights & WRITE) !== 0n;
  }

  override fd_fdstat_get(): Result<{ fdstat: wasi.Fdstat | null }> {
    const fdstat = new wasi.Fdstat(
      wasi.FILETYPE_REGULAR_FILE,
      this.append ? wasi.FDFLAGS_APPEND : 0,
    );
    fdstat.fs_rights_base = this.rights;
    return { ret: wasi.ERRNO_SUCCESS, fdstat };
  }

  override fd_write(data: Uint8Array): Result<{ nwritten: number }> {
    if (!this.writable) return { ret: wasi.ERRNO_BADF, nwritten: 0 };
    if (this.append) this.file_pos = this.file.size;
    return this.#changed(super.fd_write(data));
  }

  override fd_pwrite(data: Uint8Array, offset: bigint): Result<{ nwritten: number }> {
    if (!this.writable) return { ret: wasi.ERRNO_BADF, nwritten: 0 };
    return this.#changed(super.fd_pwrite(data, offset));
  }

  override fd_filestat_set_size(size: bigint): number {
    if (!this.writable) return wasi.ERRNO_BADF;
    return this.#changed({ ret: super.fd_filestat_set_size(size) }).ret;
  }

  override fd_allocate(offset: bigint, len: bigint): number {
    if (!this.writable) return wasi.ERRNO_BADF;
    return this.#changed({ ret: super.fd_allocate(offset, len) }).ret;
  }

  #changed<T extends { ret: number }>(result: T): T {
    if (result.ret === wasi.ERRNO_SUCCESS) this.file.touch();
    return result;
  }
}

export class MountDirectory extends Directory {
  constructor(
    readonly ctx: MountCtx,
    contents: Map<string, Inode> = new Map(),
  ) {
    super(contents);
  }

  override path_open(): Result<{ fd_obj: OpenDirectory }> {
    return { ret: wasi.ERRNO_SUCCESS, fd_obj: new MountOpenDirectory(this) };
  }

  /** The shim creates its own File/Directory here; swap in ours so changes are tracked. */
  override create_entry_for_path(path: string, isDir: boolean): Result<{ entry: Inode | null }> {
    if (this.ctx.readOnly) return { ret: wasi.ERRNO_ROFS, entry: null };
    const created = super.create_entry_for_path(path, isDir);
    if (created.ret !== wasi.ERRNO_SUCCESS || created.entry === null) return created;
    const parts = normalize(path);
    const name = parts.pop()!;
    const parent = parts.reduce<Directory>(
      (dir, part) => dir.contents.get(part) as Directory,
      this,
    );
    const entry = isDir ? new MountDirectory(this.ctx) : new MountFile(this.ctx, new Uint8Array(0));
    parent.contents.set(name, entry);
    this.ctx.changes.dirty = true;
    return { ret: wasi.ERRNO_SUCCESS, entry };
  }
}

/** Path components after "." and ".." are resolved (the shim has already validated the path). */
function normalize(path: string): string[] {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts;
}

export class MountOpenDirectory extends OpenDirectory {
  declare dir: MountDirectory;

  override fd_fdstat_get(): Result<{ fdstat: wasi.Fdstat | null }> {
    // wasi-libc asks for `max & fs_rights_inheriting` when it opens a path, so a directory must
    // pass write rights on; read-only mounts then refuse at path_open with EROFS.
    const fdstat = new wasi.Fdstat(wasi.FILETYPE_DIRECTORY, 0);
    fdstat.fs_rights_base = ALL_RIGHTS;
    fdstat.fs_rights_inherited = ALL_RIGHTS;
    return { ret: wasi.ERRNO_SUCCESS, fdstat };
  }

  override path_create_directory(path: string): number {
    return this.#mutate(() => super.path_create_directory(path));
  }

  override path_link(path: string, inode: Inode, allowDir: boolean): number {
    return this.#mutate(() => super.path_link(path, inode, allowDir));
  }

  override path_unlink(path: string): Result<{ inode_obj: Inode | null }> {
    if (this.dir.ctx.readOnly) return { ret: wasi.ERRNO_ROFS, inode_obj: null };
    const result = super.path_unlink(path);
    if (result.ret === wasi.ERRNO_SUCCESS) this.dir.ctx.changes.dirty = true;
    return result;
  }

  override path_unlink_file(path: string): number {
    return this.#mutate(() => super.path_unlink_file(path));
  }

  override path_remove_directory(path: string): number {
    return this.#mutate(() => super.path_remove_directory(path));
  }

  override path_filestat_set_times(): number {
    return this.dir.ctx.readOnly ? wasi.ERRNO_ROFS : wasi.ERRNO_SUCCESS;
  }

  #mutate(op: () => number): number {
    if (this.dir.ctx.readOnly) return wasi.ERRNO_ROFS;
    const ret = op();
    if (ret === wasi.ERRNO_SUCCESS) this.dir.ctx.changes.dirty = true;
    return ret;
  }
}

export class MountPreopen extends MountOpenDirectory {
  constructor(
    readonly name: string,
    dir: MountDirectory,
  ) {
    super(dir);
  }

  override fd_prestat_get(): Result<{ prestat: wasi.Prestat | null }> {
    return { ret: wasi.ERRNO_SUCCESS, prestat: wasi.Prestat.dir(this.name) };
  }
}

interface Synced {
  node: Inode;
  version: number;
}

/**
 * One mount inside the worker: its tree, and what the host last saw of it, so that
 * {@link Mount.collect} can say what changed since.
 */
export class Mount {
  readonly root: MountDirectory;
  readonly preopen: MountPreopen;
  #synced = new Map<string, Synced>();

  constructor(
    spec: MountSpec,
    readonly changes: { dirty: boolean },
  ) {
    const ctx: MountCtx = { readOnly: spec.readOnly, changes };
    this.root = build(ctx, spec.tree);
    this.preopen = new MountPreopen(spec.path, this.root);
    this.#synced = index(this.root);
  }

  get readOnly(): boolean {
    return this.root.ctx.readOnly;
  }

  /** The module's changes since the last call: removals first, then parents before children. */
  collect(): FsOp[] {
    const now = index(this.root);
    const ops: FsOp[] = [];
    const removed: string[] = [];
    for (const [path, was] of this.#synced) {
      const is = now.get(path);
      if (!is || kindOf(is.node) !== kindOf(was.node)) removed.push(path);
    }
    removed.sort();
    let last: string | undefined;
    for (const path of removed) {
      if (last !== undefined && path.startsWith(`${last}/`)) continue;
      ops.push({ op: 'remove', path });
      last = path;
    }
    for (const [path, is] of now) {
      const was = this.#synced.get(path);
      const fresh = !was || kindOf(was.node) !== kindOf(is.node);
      if (is.node instanceof MountFile) {
        if (fresh || was.node !== is.node || was.version !== is.version) {
          ops.push({ op: 'write', path, data: is.node.data });
        }
      } else if (fresh) {
        ops.push({ op: 'mkdir', path });
      }
    }
    this.#synced = now;
    return ops;
  }

  /** Applies another container's changes. Files change in place, so open descriptors see them. */
  apply(ops: FsOp[]): void {
    const ctx = this.root.ctx;
    for (const op of ops) {
      const parts = normalize(op.path);
      const name = parts.pop();
      if (name === undefined) continue;
      const parent = this.#mkdirs(parts);
      const existing = parent.contents.get(name);
      if (op.op === 'remove') {
        parent.contents.delete(name);
        for (const path of this.#synced.keys()) {
          if (path === op.path || path.startsWith(`${op.path}/`)) this.#synced.delete(path);
        }
      } else if (op.op === 'mkdir') {
        if (!(existing instanceof MountDirectory)) {
          const dir = new MountDirectory(ctx);
          parent.contents.set(name, dir);
          this.#synced.set(op.path, { node: dir, version: 0 });
        }
      } else if (existing instanceof MountFile) {
        existing.data = op.data;
        existing.version++;
        this.#synced.set(op.path, { node: existing, version: existing.version });
      } else {
        const file = new MountFile(ctx, op.data);
        parent.contents.set(name, file);
        this.#synced.set(op.path, { node: file, version: 0 });
      }
    }
  }

  #mkdirs(parts: string[]): Directory {
    let dir: Directory = this.root;
    let path = '';
    for (const part of parts) {
      path = path ? `${path}/${part}` : part;
      const next = dir.contents.get(part);
      if (next instanceof Directory) {
        dir = next;
      } else {
        const created = new MountDirectory(this.root.ctx);
        dir.contents.set(part, created);
        this.#synced.set(path, { node: created, version: 0 });
        dir = created;
      }
    }
    return dir;
  }
}

function build(ctx: MountCtx, tree: TreeDir): MountDirectory {
  const contents = new Map<string, Inode>();
  for (const [name, node] of tree.entries) {
    contents.set(name, node.kind === 'dir' ? build(ctx, node) : new MountFile(ctx, node.data));
  }
  return new MountDirectory(ctx, contents);
}

function kindOf(node: Inode): 'file' | 'dir' {
  return node instanceof Directory ? 'dir' : 'file';
}

function index(root: Directory): Map<string, Synced> {
  const out = new Map<string, Synced>();
  const walk = (dir: Directory, prefix: string) => {
    for (const [name, node] of dir.contents) {
      const path = prefix ? `${prefix}/${name}` : name;
      out.set(path, { node, version: node instanceof MountFile ? node.version : 0 });
      if (node instanceof Directory) walk(node, path);
    }
  };
  walk(root, '');
  return out;
}
