/**
 * The in-memory filesystem behind pod volumes. The kubelet owns it (it writes configMap keys,
 * creates emptyDirs, shares hostPaths); the container runtime exposes directories of it to
 * modules as WASI preopens and writes their changes back into it.
 */
export type MemNode = MemFile | MemDir;

export class MemFile {
  readonly kind = 'file';
  data: Uint8Array;
  /** POSIX permission bits, e.g. 0o644 (configMap defaultMode). */
  mode: number;
  constructor(data: Uint8Array = new Uint8Array(0), mode = 0o644) {
    this.data = data;
    this.mode = mode;
  }
}

export class MemDir {
  readonly kind = 'dir';
  readonly entries = new Map<string, MemNode>();
  mode: number;
  constructor(mode = 0o755) {
    this.mode = mode;
  }

  /** The node at a slash-separated path relative to this directory, or undefined. */
  lookup(path: string): MemNode | undefined {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking down from this directory
    let node: MemNode = this;
    for (const part of splitPath(path)) {
      if (node.kind !== 'dir') return undefined;
      const next: MemNode | undefined = node.entries.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  /** Creates (or returns) the directory at `path`, making parents as needed. */
  mkdirp(path: string): MemDir {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking down from this directory
    let dir: MemDir = this;
    for (const part of splitPath(path)) {
      const next = dir.entries.get(part);
      if (next?.kind === 'dir') {
        dir = next;
      } else {
        const created = new MemDir();
        dir.entries.set(part, created);
        dir = created;
      }
    }
    return dir;
  }

  /** Writes a file at `path`, making parent directories as needed. */
  writeFile(path: string, data: Uint8Array | string, mode?: number): MemFile {
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined) throw new Error(`not a file path: ${JSON.stringify(path)}`);
    const dir = this.mkdirp(parts.join('/'));
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const existing = dir.entries.get(name);
    if (existing?.kind === 'file') {
      existing.data = bytes;
      if (mode !== undefined) existing.mode = mode;
      return existing;
    }
    const file = new MemFile(bytes, mode);
    dir.entries.set(name, file);
    return file;
  }

  /** Removes the file or directory (with everything in it) at `path`; false when there is none. */
  remove(path: string): boolean {
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined) return false;
    const parent = this.lookup(parts.join('/'));
    return parent?.kind === 'dir' && parent.entries.delete(name);
  }

  /** Reads a file's text, or undefined when there is no file at `path`. */
  readText(path: string): string | undefined {
    const node = this.lookup(path);
    return node?.kind === 'file' ? new TextDecoder().decode(node.data) : undefined;
  }
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}
