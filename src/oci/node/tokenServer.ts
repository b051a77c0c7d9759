/**
 * A registry token server for tests of the Docker token flow: `GET /token?service=…&scope=…`
 * with Basic credentials answers `{ token }`, a JWT (ES256, certificate in `x5c`) that
 * `docker-registry` configured with `auth.token` accepts. Needs the `openssl` CLI to make the
 * signing certificate (Node can sign but not issue certificates).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID, sign, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A running token server. */
export interface TokenServer {
  /** The realm to configure in the registry: `http://127.0.0.1:<port>/token`. */
  realm: string;
  service: string;
  issuer: string;
  /** PEM file with the signing certificate, for the registry's `rootcertbundle`. */
  rootCertBundle: string;
  /** The URLs of the token requests received, in order. */
  requests: string[];
  stop(): Promise<void>;
}

/** Why a token server cannot run here, or undefined when it can. */
export function opensslMissing(): string | undefined {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'the openssl CLI is not installed: token-flow registry tests skipped';
  }
}

/**
 * Starts a token server on 127.0.0.1 that grants the requested scope to `users` (name →
 * password) and answers 401 to anyone else.
 */
export async function startTokenServer(opts: {
  users: Record<string, string>;
  service?: string;
  issuer?: string;
}): Promise<TokenServer> {
  const service = opts.service ?? 'playground-registry';
  const issuer = opts.issuer ?? 'playground-token-issuer';
  const dir = await mkdtemp(path.join(tmpdir(), 'oci-token-'));
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      '/CN=' + issuer,
    ]),
    { stdio: 'ignore' },
  );
  const key = await readFile(keyPath, 'utf8');
  const certDer = new X509Certificate(await readFile(certPath)).raw.toString('base64');
  const requests: string[] = [];

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token.local');
    requests.push(url.pathname + url.search);
    const user = basicUser(req.headers.authorization, opts.users);
    if (url.pathname !== '/token' || !user) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ details: 'incorrect username or password' }));
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: user,
      aud: url.searchParams.get('service') ?? service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: url.searchParams.getAll('scope').map(parseScope),
    };
    const input = `${b64url({ typ: 'JWT', alg: 'ES256', x5c: [certDer] })}.${b64url(claims)}`;
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    const token = `${input}.${signature.toString('base64url')}`;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ token, access_token: token, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopped = false;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    rootCertBundle: certPath,
    requests,
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `repository:org/app:pull,push` → the JWT `access` entry. */
function parseScope(scope: string): { type: string; name: string; actions: string[] } {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope.slice(last + 1).split(','),
  };
}

function basicUser(header: string | undefined, users: Record<string, string>): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return colon > 0 && Object.hasOwn(users, user) && users[user] === password ? user : undefined;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
