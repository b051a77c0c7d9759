import { describe, expect, it } from 'vitest';
import { connectRegistry, goUrlError, registryBaseUrl, RegistryRequestError } from './client.ts';
import { closedPort } from './testing/closedPort.ts';
import { createMemoryRegistry } from './testing/memoryRegistry.ts';

const base = 'https://registry.example.com';

describe('registryBaseUrl', () => {
  it.each([
    ['registry.example.com', [], 'https://registry.example.com'],
    ['registry.example.com:5000', [], 'https://registry.example.com:5000'],
    ['127.0.0.1:5000', [], 'http://127.0.0.1:5000'],
    ['127.9.8.7', [], 'http://127.9.8.7'],
    ['localhost:5000', [], 'http://localhost:5000'],
    ['[::1]:5000', [], 'http://[::1]:5000'],
    ['10.0.0.5:5000', [], 'https://10.0.0.5:5000'],
    ['10.0.0.5:5000', ['10.0.0.5:5000'], 'http://10.0.0.5:5000'],
    ['10.0.0.5:5000', ['10.0.0.5'], 'http://10.0.0.5:5000'],
    ['10.0.0.5:5000', ['http://10.0.0.5:5000/'], 'http://10.0.0.5:5000'],
    ['10.0.0.5:5000', ['10.0.0.5:5001'], 'https://10.0.0.5:5000'],
  ])('%s with insecure %j → %s', (domain, insecure, url) => {
    expect(registryBaseUrl(domain, insecure)).toBe(url);
  });
});

describe('goUrlError', () => {
  const url = 'http://127.0.0.1:5000/v2/app/manifests/v1';
  const nodeError = (code: string, message = code) =>
    Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error(message), { code }),
    });

  it.each([
    [
      'ECONNREFUSED',
      'Get "http://127.0.0.1:5000/v2/app/manifests/v1": dial tcp 127.0.0.1:5000: connect: connection refused',
    ],
    [
      'ENOTFOUND',
      'Get "http://127.0.0.1:5000/v2/app/manifests/v1": dial tcp: lookup 127.0.0.1: no such host',
    ],
    [
      'ETIMEDOUT',
      'Get "http://127.0.0.1:5000/v2/app/manifests/v1": dial tcp 127.0.0.1:5000: i/o timeout',
    ],
    [
      'ECONNRESET',
      'Get "http://127.0.0.1:5000/v2/app/manifests/v1": read tcp 127.0.0.1:5000: connection reset by peer',
    ],
  ])('words Node %s as Go does', (code, message) => {
    expect(goUrlError('GET', url, nodeError(code))).toBe(message);
  });

  it('passes other Node causes through, and defaults the port by scheme', () => {
    expect(
      goUrlError('HEAD', 'https://h/v2/', nodeError('CERT_HAS_EXPIRED', 'certificate has expired')),
    ).toBe('Head "https://h/v2/": certificate has expired');
    expect(goUrlError('GET', 'https://h/v2/', nodeError('ECONNREFUSED'))).toBe(
      'Get "https://h/v2/": dial tcp h:443: connect: connection refused',
    );
  });

  it('explains a browser\'s bare "Failed to fetch"', () => {
    expect(goUrlError('GET', 'https://h/v2/', new TypeError('Failed to fetch'))).toBe(
      'Get "https://h/v2/": Failed to fetch (the registry is unreachable or does not allow cross-origin requests)',
    );
  });
});

describe('connectRegistry', () => {
  it('joins API paths to a base URL with a path prefix', async () => {
    const conn = connectRegistry({ fetch, baseUrl: 'http://host/modules/' });
    expect(conn.urlOf('v2/x/manifests/v1')).toBe('http://host/modules/v2/x/manifests/v1');
    expect(conn.urlOf('/v2/x')).toBe('http://host/modules/v2/x');
    expect(conn.urlOf('https://other/upload?x=1')).toBe('https://other/upload?x=1');
  });

  it('returns a 401 as is when a Basic challenge comes and there are no credentials', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      auth: { kind: 'basic', username: 'u', password: 'p' },
    });
    const res = await connectRegistry({ fetch: reg.fetch, baseUrl: base }).request('GET', 'v2/');
    expect(res.status).toBe(401);
    expect(reg.requests).toEqual([`GET ${base}/v2/`]);
  });

  it('answers a Basic challenge with the credentials and keeps using them', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      auth: { kind: 'basic', username: 'u', password: 'p' },
    });
    reg.files.set('v2/a/blobs/x', new Uint8Array([1]));
    const conn = connectRegistry({
      fetch: reg.fetch,
      baseUrl: base,
      credentials: { username: 'u', password: 'p' },
    });
    expect((await conn.request('GET', 'v2/a/blobs/x')).status).toBe(200);
    expect((await conn.request('GET', 'v2/a/blobs/x')).status).toBe(200);
    expect(reg.requests).toHaveLength(3);
  });

  it('gives up after one retry when the credentials are wrong', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      auth: { kind: 'basic', username: 'u', password: 'p' },
    });
    const conn = connectRegistry({
      fetch: reg.fetch,
      baseUrl: base,
      credentials: { username: 'u', password: 'no' },
    });
    expect((await conn.request('GET', 'v2/')).status).toBe(401);
    expect(reg.requests).toHaveLength(2);
  });

  it('fetches a Bearer token from the realm with service, scope and Basic credentials', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      auth: { kind: 'bearer', username: 'u', password: 'p' },
    });
    reg.files.set('v2/org/app/manifests/v1', new TextEncoder().encode('{}'));
    const conn = connectRegistry({
      fetch: reg.fetch,
      baseUrl: base,
      credentials: { username: 'u', password: 'p' },
    });
    expect((await conn.request('GET', 'v2/org/app/manifests/v1')).status).toBe(200);
    expect(reg.requests).toEqual([
      `GET ${base}/v2/org/app/manifests/v1`,
      `GET ${base}/token?service=memory&scope=repository%3Aorg%2Fapp%3Apull`,
      `GET ${base}/v2/org/app/manifests/v1`,
    ]);
  });

  it('says which token it failed to fetch, in containerd words', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      auth: { kind: 'bearer', username: 'u', password: 'p' },
    });
    const request = (credentials?: { username: string; password: string }) =>
      connectRegistry({ fetch: reg.fetch, baseUrl: base, credentials }).request(
        'GET',
        'v2/a/manifests/v1',
      );
    const tokenUrl = `${base}/token?service=memory&scope=repository%3Aa%3Apull`;
    await expect(request()).rejects.toThrow(
      new RegistryRequestError(
        `failed to authorize: failed to fetch anonymous token: unexpected status from GET request to ${tokenUrl}: 401 Unauthorized`,
      ),
    );
    await expect(request({ username: 'u', password: 'bad' })).rejects.toThrow(
      `failed to authorize: failed to fetch oauth token: unexpected status from GET request to ${tokenUrl}: 401 Unauthorized`,
    );
  });

  it('rejects a challenge whose realm is not a URL', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      intercept: () =>
        new Response(null, {
          status: 401,
          headers: { 'WWW-Authenticate': 'Bearer realm="/token"' },
        }),
    });
    await expect(
      connectRegistry({ fetch: reg.fetch, baseUrl: base }).request('GET', 'v2/'),
    ).rejects.toThrow(
      'failed to authorize: failed to fetch anonymous token: invalid realm "/token" in the WWW-Authenticate challenge',
    );
  });

  it('rejects a token response without a token', async () => {
    const reg = createMemoryRegistry({
      baseUrl: base,
      auth: { kind: 'bearer' },
      intercept: (_m, url) => (url.pathname === '/token' ? Response.json({ nope: 1 }) : undefined),
    });
    await expect(
      connectRegistry({ fetch: reg.fetch, baseUrl: base }).request('GET', 'v2/'),
    ).rejects.toThrow('failed to authorize: failed to fetch anonymous token: no token in response');
  });

  it('reports a refused connection as Go does', async () => {
    const port = await closedPort();
    const conn = connectRegistry({ fetch, baseUrl: `http://127.0.0.1:${port}` });
    await expect(conn.request('GET', 'v2/')).rejects.toThrow(
      new RegistryRequestError(
        `failed to do request: Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`,
      ),
    );
  });
});
