/**
 * An in-memory registry behind a fetch function, for unit tests: serves the distribution API's
 * pull paths from a file map, accepts pushes, and can demand Basic or Bearer auth. The real
 * thing (`docker-registry`) is exercised in node/registry.test.ts; this one lets tests reach
 * the corners a real registry will not produce on demand (relative Locations, bad digests).
 */
import { sha256 } from '../digest.ts';
import type { RegistryFiles } from './fixtures.ts';

/** Options for `createMemoryRegistry`. */
export interface MemoryRegistryOptions {
  /** Root URL; the registry answers `<baseUrl>/v2/…`. */
  baseUrl: string;
  files?: RegistryFiles;
  auth?:
    | { kind: 'basic'; username: string; password: string }
    /** Token flow: tokens from `<baseUrl>/token` for these credentials (or anyone if omitted). */
    | { kind: 'bearer'; username?: string; password?: string };
  /** Answer upload POSTs with a path-only Location, as some registries do. */
  relativeLocation?: boolean;
  /** Send the manifest's media type as Content-Type, as real registries do. Default true. */
  contentTypeHeaders?: boolean;
  /** Fault injection: a response for a request, or undefined to proceed normally. */
  intercept?: (method: string, url: URL) => Response | undefined;
}

/** A running in-memory registry. */
export interface MemoryRegistry {
  fetch: typeof fetch;
  files: RegistryFiles;
  /** `METHOD URL` of every request, tokens included, in order. */
  requests: string[];
  /** Content-Type of each manifest PUT, by path. */
  manifestTypes: Map<string, string>;
}

const TOKEN = 'memory-registry-token';

/** Creates an in-memory registry. */
export function createMemoryRegistry(opts: MemoryRegistryOptions): MemoryRegistry {
  const base = new URL(opts.baseUrl.replace(/\/+$/, '') + '/');
  const files: RegistryFiles = opts.files ?? new Map();
  const requests: string[] = [];
  const manifestTypes = new Map<string, string>();
  let uploads = 0;

  const authorized = (header: string | null, url: URL): Response | undefined => {
    const auth = opts.auth;
    if (!auth) return undefined;
    if (auth.kind === 'basic') {
      if (header === `Basic ${btoa(`${auth.username}:${auth.password}`)}`) return undefined;
      return challenge('Basic realm="memory"');
    }
    if (header === `Bearer ${TOKEN}`) return undefined;
    const repo = /^v2\/(.+?)\/(?:manifests|blobs)\//.exec(url.pathname.slice(base.pathname.length));
    const scope = repo ? `,scope="repository:${repo[1]}:pull"` : '';
    return challenge(`Bearer realm="${base.href}token",service="memory"${scope}`);
  };

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const method = request.method;
    requests.push(`${method} ${url.href}`);
    const injected = opts.intercept?.(method, url);
    if (injected) return injected;
    if (!url.href.startsWith(base.href)) return status(404);
    const path = url.pathname.slice(base.pathname.length);
    if (path === 'token') return token(request, opts.auth);
    const denied = authorized(request.headers.get('authorization'), url);
    if (denied) return denied;

    const upload = /^v2\/(.+)\/blobs\/uploads\/(\d*)$/.exec(path);
    if (upload && method === 'POST') {
      const id = ++uploads;
      const location = `${base.pathname}v2/${upload[1]}/blobs/uploads/${id}?_state=s${id}`;
      const headers = { Location: opts.relativeLocation ? location : `${base.origin}${location}` };
      return new Response(null, { status: 202, headers });
    }
    if (upload && method === 'PUT') {
      const digest = url.searchParams.get('digest') ?? '';
      const bytes = new Uint8Array(await request.arrayBuffer());
      if ((await sha256(bytes)) !== digest) return status(400);
      files.set(`v2/${upload[1]}/blobs/${digest}`, bytes);
      return new Response(null, { status: 201, headers: { 'Docker-Content-Digest': digest } });
    }
    if (/\/manifests\/[^/]+$/.test(path) && method === 'PUT') {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const digest = await sha256(bytes);
      manifestTypes.set(path, request.headers.get('content-type') ?? '');
      files.set(path, bytes);
      files.set(path.replace(/[^/]+$/, digest), bytes);
      return new Response(null, { status: 201, headers: { 'Docker-Content-Digest': digest } });
    }
    const file = files.get(path);
    if (!file || (method !== 'GET' && method !== 'HEAD')) return status(404);
    const headers: Record<string, string> = { 'Content-Length': String(file.length) };
    headers['Content-Type'] = contentTypeOf(path, file, opts.contentTypeHeaders ?? true);
    return new Response(method === 'HEAD' ? null : new Uint8Array(file), { status: 200, headers });
  };

  return {
    fetch: (input, init) => handle(new Request(input, init)),
    files,
    requests,
    manifestTypes,
  };
}

function token(request: Request, auth: MemoryRegistryOptions['auth']): Response {
  if (auth?.kind === 'bearer' && auth.username !== undefined) {
    const expected = `Basic ${btoa(`${auth.username}:${auth.password ?? ''}`)}`;
    if (request.headers.get('authorization') !== expected) return status(401);
  }
  return Response.json({ token: TOKEN });
}

function contentTypeOf(path: string, file: Uint8Array, fromBody: boolean): string {
  if (!fromBody || !path.includes('/manifests/')) return 'application/octet-stream';
  try {
    const doc = JSON.parse(new TextDecoder().decode(file)) as { mediaType?: string };
    return doc.mediaType ?? 'application/octet-stream';
  } catch {
    return 'application/octet-stream';
  }
}

function challenge(header: string): Response {
  return new Response('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}', {
    status: 401,
    statusText: 'Unauthorized',
    headers: { 'WWW-Authenticate': header, 'Content-Type': 'application/json' },
  });
}

function status(code: number): Response {
  const text: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    404: 'Not Found',
  };
  return new Response(`${code}\n`, { status: code, statusText: text[code] ?? '' });
}
