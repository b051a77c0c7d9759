/**
 * Registry credentials from imagePullSecrets: the `.dockerconfigjson` of a
 * `kubernetes.io/dockerconfigjson` Secret, read as the kubelet's keyring reads it.
 */
import { decodeBase64, utf8Decode } from './base64.ts';
import { isPlainObject as isObject } from './objects.ts';

/** Basic credentials for one registry host. */
export interface RegistryAuth {
  username: string;
  password: string;
}

const q = (s: string): string => JSON.stringify(s);

/**
 * Decodes a `kubernetes.io/dockerconfigjson` Secret's `.dockerconfigjson` into credentials by
 * registry host, as the kubelet's keyring reads it: `auths[key].username`/`password`, where a
 * base64 `auth` field (`user:password`) wins over them. Keys are reduced to `host[:port]`
 * (`https://index.docker.io/v1/` becomes `docker.io`); `*` wildcards are kept.
 * @throws Error naming the entry that cannot be decoded.
 * @example authFromDockerConfigJson('{"auths":{"127.0.0.1:5000":{"auth":"dTpw"}}}')
 *   // { '127.0.0.1:5000': { username: 'u', password: 'p' } }
 */
export function authFromDockerConfigJson(json: string): Record<string, RegistryAuth> {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    throw new Error(`invalid .dockerconfigjson: ${(err as Error).message}`);
  }
  if (!isObject(doc)) throw new Error('invalid .dockerconfigjson: not a JSON object');
  const auths = doc.auths ?? {};
  if (!isObject(auths)) throw new Error('invalid .dockerconfigjson: auths: not an object');
  const result: Record<string, RegistryAuth> = {};
  for (const [key, entry] of Object.entries(auths)) {
    if (!isObject(entry))
      throw new Error(`invalid .dockerconfigjson: auths[${q(key)}]: not an object`);
    let username = typeof entry.username === 'string' ? entry.username : '';
    let password = typeof entry.password === 'string' ? entry.password : '';
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      [username, password] = decodeAuthField(entry.auth, key);
    }
    result[registryHostOf(key)] = { username, password };
  }
  return result;
}

function decodeAuthField(field: string, key: string): [string, string] {
  let decoded: string;
  try {
    decoded = utf8Decode(decodeBase64(field.trim()));
  } catch {
    throw new Error(`invalid .dockerconfigjson: auths[${q(key)}].auth: not valid base64`);
  }
  const colon = decoded.indexOf(':');
  if (colon === -1) {
    throw new Error(
      `invalid .dockerconfigjson: auths[${q(key)}].auth: unable to parse auth field, must be formatted as base64(username:password)`,
    );
  }
  return [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** `https://Host:5000/v1/` → `host:5000`; Docker Hub's aliases → `docker.io`. */
export function registryHostOf(key: string): string {
  let host = key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  host = host.split('/')[0] ?? '';
  host = host.toLowerCase();
  if (host === 'index.docker.io' || host === 'registry-1.docker.io') return 'docker.io';
  return host;
}
