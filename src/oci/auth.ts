/**
 * Registry credentials: decoding imagePullSecrets, choosing the credentials for a host, and
 * reading `WWW-Authenticate` challenges.
 */
import type { RegistryAuth } from '../kubelet-core/ports.ts';
import { registryHostOf } from '../kube/dockerConfig.ts';

export { authFromDockerConfigJson, registryHostOf } from '../kube/dockerConfig.ts';

/**
 * The credentials for `host` from a map built by `authFromDockerConfigJson`: an exact key
 * first, then a wildcard key such as `*.example.com` (one `*` per DNS label, ports equal), as
 * the kubelet's keyring matches.
 */
export function credentialsFor(
  host: string,
  auth: Record<string, RegistryAuth> | undefined,
): RegistryAuth | undefined {
  if (!auth) return undefined;
  const wanted = registryHostOf(host);
  for (const [key, value] of Object.entries(auth)) {
    if (registryHostOf(key) === wanted) return value;
  }
  for (const [key, value] of Object.entries(auth)) {
    if (key.includes('*') && hostGlobMatches(registryHostOf(key), wanted)) return value;
  }
  return undefined;
}

function hostGlobMatches(pattern: string, host: string): boolean {
  const [patternName = '', patternPort] = splitPort(pattern);
  const [hostName = '', hostPort] = splitPort(host);
  if (patternPort !== hostPort) return false;
  const p = patternName.split('.');
  const h = hostName.split('.');
  if (p.length !== h.length) return false;
  return p.every((label, i) => {
    const re = new RegExp(`^${label.split('*').map(escapeRe).join('[^.]*')}$`);
    return re.test(h[i] ?? '');
  });
}

function splitPort(host: string): [string, string | undefined] {
  const m = /^(.*?)(?::(\d+))?$/.exec(host);
  return [m?.[1] ?? host, m?.[2]];
}

/** The `Authorization` value for HTTP Basic. */
export function basicAuthorization(auth: RegistryAuth): string {
  const bytes = new TextEncoder().encode(`${auth.username}:${auth.password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** One challenge of a `WWW-Authenticate` header: `Bearer realm="…",service="…"`. */
export interface Challenge {
  /** Lower-cased: `basic` or `bearer` (or whatever else the server sent). */
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` header (RFC 7235): several challenges, each a scheme followed by
 * comma-separated `key=value` parameters whose values may be quoted with `\` escapes.
 */
export function parseChallenges(header: string | null): Challenge[] {
  if (!header) return [];
  const challenges: Challenge[] = [];
  let i = 0;
  const skip = (re: RegExp) => {
    while (i < header.length && re.test(header[i] ?? '')) i++;
  };
  const token = () => {
    const start = i;
    skip(/[!#$%&'*+.^_`|~0-9A-Za-z-]/);
    return header.slice(start, i);
  };
  while (i < header.length) {
    skip(/[\s,]/);
    const scheme = token();
    if (!scheme) break;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    for (;;) {
      skip(/[\s,]/);
      const save = i;
      const key = token();
      skip(/\s/);
      if (!key || header[i] !== '=') {
        i = save; // not a parameter: the next challenge's scheme (or a token68 we do not use)
        break;
      }
      i++;
      skip(/\s/);
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < header.length && header[i] !== '"') {
          if (header[i] === '\\') i++;
          value += header[i] ?? '';
          i++;
        }
        i++;
      } else {
        value = token();
      }
      challenge.params[key.toLowerCase()] = value;
    }
  }
  return challenges;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
