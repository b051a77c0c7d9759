/**
 * HTTP to one registry: picks https or plain http, answers `401` challenges (HTTP Basic, and the
 * Docker token flow for `Bearer realm=…`), and turns transport failures into the messages Go's
 * HTTP client and containerd's resolver print.
 */
import type { RegistryAuth } from '../kubelet-core/ports.ts';
import { basicAuthorization, parseChallenges, type Challenge } from './auth.ts';
import { ownBuffer } from './digest.ts';

/** A registry request that failed; `message` is containerd-style, without the pull prefix. */
export class RegistryRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistryRequestError';
  }
}

/** Options naming a registry to talk to. */
export interface RegistryConnectionOptions {
  /** The fetch to use (the browser's, Node's, or a test double). */
  fetch: typeof fetch;
  /** Root URL of the registry, without `/v2`: `https://registry.example.com`. */
  baseUrl: string;
  /** Credentials to answer a Basic challenge or to request a Bearer token with. */
  credentials?: RegistryAuth | undefined;
}

/** Requests to one registry that share the authorization a challenge earned. */
export interface RegistryConnection {
  readonly baseUrl: string;
  /**
   * Sends `method` to `target`: an API path such as `v2/x/manifests/v1` (joined to the base
   * URL), or an absolute URL (an upload `Location` the caller resolved). A 401 is answered once per request; the response is returned
   * whatever its status. Throws RegistryRequestError when no response arrives.
   */
  request(method: string, target: string, init?: RequestBody): Promise<Response>;
  /** The absolute URL of `target`, as `request` would fetch it. */
  urlOf(target: string): string;
}

/** What may accompany a request. */
export interface RequestBody {
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/** Opens a connection to one registry. */
export function connectRegistry(opts: RegistryConnectionOptions): RegistryConnection {
  // Called unbound: browsers throw "Illegal invocation" for `opts.fetch(...)`.
  const doFetch = opts.fetch;
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  let authorization: string | undefined;

  // API paths join the base URL as text: the built-in registry lives under a path prefix
  // (`http://host/modules`), which URL resolution of `/v2/…` would drop.
  const urlOf = (target: string) =>
    /^[a-z][a-z0-9+.-]*:/i.test(target) ? target : `${baseUrl}/${target.replace(/^\/+/, '')}`;

  async function send(method: string, url: string, init: RequestBody): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (authorization) headers.Authorization = authorization;
    try {
      return await doFetch(url, {
        method,
        headers,
        ...(init.body ? { body: ownBuffer(init.body) } : {}),
      });
    } catch (err) {
      throw new RegistryRequestError(`failed to do request: ${goUrlError(method, url, err)}`);
    }
  }

  async function answer(challenges: Challenge[]): Promise<string | undefined> {
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    if (bearer) return `Bearer ${await fetchToken(doFetch, bearer, opts.credentials)}`;
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (basic && opts.credentials) return basicAuthorization(opts.credentials);
    return undefined;
  }

  return {
    baseUrl,
    urlOf,
    async request(method, target, init = {}) {
      const url = urlOf(target);
      const first = await send(method, url, init);
      if (first.status !== 401) return first;
      const header = await answer(parseChallenges(first.headers.get('www-authenticate')));
      if (header === undefined) return first;
      await first.body?.cancel();
      authorization = header;
      return send(method, url, init);
    },
  };
}

async function fetchToken(
  doFetch: typeof fetch,
  challenge: Challenge,
  credentials: RegistryAuth | undefined,
): Promise<string> {
  // containerd's wording: with credentials it asks for an "oauth" token.
  const what = credentials ? 'oauth' : 'anonymous';
  const fail = (why: string) =>
    new RegistryRequestError(`failed to authorize: failed to fetch ${what} token: ${why}`);
  let url: URL;
  try {
    url = new URL(challenge.params.realm ?? '');
  } catch {
    throw fail(
      `invalid realm ${JSON.stringify(challenge.params.realm)} in the WWW-Authenticate challenge`,
    );
  }
  if (challenge.params.service) url.searchParams.append('service', challenge.params.service);
  for (const scope of (challenge.params.scope ?? '').split(' ').filter(Boolean)) {
    url.searchParams.append('scope', scope);
  }
  const headers: Record<string, string> = {};
  if (credentials) headers.Authorization = basicAuthorization(credentials);
  let res: Response;
  try {
    res = await doFetch(url.href, { method: 'GET', headers });
  } catch (err) {
    throw fail(goUrlError('GET', url.href, err));
  }
  if (!res.ok) throw fail(unexpectedStatus('GET', url.href, res));
  let body: unknown;
  try {
    body = await res.json();
  } catch (err) {
    throw fail(`failed to decode token response: ${(err as Error).message}`);
  }
  const token =
    typeof body === 'object' && body !== null
      ? ((body as { token?: unknown }).token ?? (body as { access_token?: unknown }).access_token)
      : undefined;
  if (typeof token !== 'string' || token === '') throw fail('no token in response');
  return token;
}

/** Which scheme reaches `domain`: plain http only for loopback hosts and insecure registries. */
export function registryBaseUrl(
  domain: string,
  insecureRegistries: readonly string[] = [],
): string {
  const hostname = domain
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  const loopback =
    hostname === 'localhost' || hostname === '::1' || /^127(\.\d+){3}$/.test(hostname);
  const insecure = insecureRegistries.some((r) => {
    const entry = r
      .replace(/^[a-z]+:\/\//i, '')
      .replace(/\/.*$/, '')
      .toLowerCase();
    return entry === domain.toLowerCase() || entry === hostname;
  });
  return `${loopback || insecure ? 'http' : 'https'}://${domain}`;
}

/** containerd's `unexpected status from GET request to URL: 401 Unauthorized`. */
export function unexpectedStatus(method: string, url: string, res: Response): string {
  return `unexpected status from ${method} request to ${url}: ${statusLine(res)}`;
}

/** Go's `resp.Status`: `404 Not Found`. */
export function statusLine(res: Response): string {
  return `${res.status} ${res.statusText || STATUS_TEXT[res.status] || ''}`.trimEnd();
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  416: 'Requested Range Not Satisfiable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Go's `*url.Error` text for a request that got no response: `Get "URL": dial tcp
 * 127.0.0.1:5000: connect: connection refused`. Node's fetch says why in `cause.code`; a
 * browser only says "Failed to fetch", which also covers CORS refusals, so we say so.
 */
export function goUrlError(method: string, url: string, err: unknown): string {
  const op = method.charAt(0).toUpperCase() + method.slice(1).toLowerCase();
  return `${op} ${JSON.stringify(url)}: ${transportReason(url, err)}`;
}

function transportReason(url: string, err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const u = new URL(url);
  const address = `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `dial tcp ${address}: connect: connection refused`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${u.hostname}: no such host`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `dial tcp ${address}: i/o timeout`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `read tcp ${address}: connection reset by peer`;
  }
  if (code !== undefined && typeof cause?.message === 'string') return cause.message;
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof TypeError && /failed to fetch|networkerror|load failed/i.test(message)) {
    return `${message} (the registry is unreachable or does not allow cross-origin requests)`;
  }
  return message;
}
