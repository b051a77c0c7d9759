/**
 * A fetch that serves the built-in registry from disk, so Node (serve mode, tests) pulls the
 * built-in images through the same distribution-API paths the browser fetches over HTTP.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository's `public/modules`, the built-in registry's files. */
export const DEFAULT_MODULES_DIR = fileURLToPath(
  new URL('../../../public/modules', import.meta.url),
);

/** Where the files are and what to do with other URLs. */
export interface FileFetchOptions {
  /** The URL the store knows the built-in registry by (its `builtinRegistryUrl`). */
  baseUrl: string;
  /** The folder holding `v2/`; default the repository's `public/modules`. */
  dir?: string;
  /**
   * Where URLs outside `baseUrl` go (real registries in serve mode). Default: answer 404, so
   * tests never reach the network by accident.
   */
  fallback?: typeof fetch;
}

/**
 * Returns a fetch that answers `GET`/`HEAD <baseUrl>/<path>` with the file `<dir>/<path>` as a
 * static file server would (`application/octet-stream`, no registry headers), 404 when the
 * file is missing, 405 for other methods.
 * @example createImageStore({ fetch: createFileFetch({ baseUrl: 'http://modules.local' }),
 *   builtinRegistryUrl: 'http://modules.local' })
 */
export function createFileFetch(opts: FileFetchOptions): typeof fetch {
  const base = new URL(opts.baseUrl).href.replace(/\/+$/, '');
  const root = path.resolve(opts.dir ?? DEFAULT_MODULES_DIR);
  const fallback = opts.fallback;
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const href = `${url.origin}${url.pathname}`;
    if (!href.startsWith(`${base}/`)) {
      return fallback ? fallback(input, init) : notFound();
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed\n', {
        status: 405,
        statusText: 'Method Not Allowed',
      });
    }
    const relative = decodeURIComponent(href.slice(base.length + 1));
    const file = path.resolve(root, relative);
    if (!file.startsWith(`${root}${path.sep}`)) return notFound();
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch {
      return notFound();
    }
    const headers = {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(bytes.length),
    };
    return new Response(request.method === 'HEAD' ? null : bytes, { status: 200, headers });
  };
}

function notFound(): Response {
  return new Response('404 page not found\n', { status: 404, statusText: 'Not Found' });
}
