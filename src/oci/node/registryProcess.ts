/**
 * Starts Debian's `docker-registry` (CNCF Distribution 2.8) on 127.0.0.1 for tests: a random free
 * port, a temporary storage folder, a generated config file. Stop it with `stop()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RegistryAuth } from '../../kubelet-core/ports.ts';

/** Where Debian's `docker-registry` package installs the registry. */
export const DOCKER_REGISTRY_BIN = '/usr/bin/docker-registry';

/**
 * Why registry tests cannot run here, or undefined when they can. Tests skip with this text.
 */
export function dockerRegistryMissing(bin = DOCKER_REGISTRY_BIN): string | undefined {
  try {
    accessSync(bin, constants.X_OK);
    return undefined;
  } catch {
    return `${bin} is not installed: real-registry tests skipped (scripts/ensure-system-deps.sh installs Debian's docker-registry)`;
  }
}

/** How the registry asks for credentials. */
export type RegistryAuthConfig =
  | { kind: 'none' }
  /**
   * HTTP Basic against an htpasswd file. The registry itself provisions it with user `docker`
   * and a random bcrypt-hashed password when the file is missing, and logs the password: that
   * needs no bcrypt tool, so it works offline wherever the registry does.
   */
  | { kind: 'htpasswd' }
  /** The token flow: `Bearer realm=…` challenges, JWTs signed by a cert in `rootCertBundle`. */
  | { kind: 'token'; realm: string; service: string; issuer: string; rootCertBundle: string };

/** A running registry. */
export interface RegistryProcess {
  /** `127.0.0.1:<port>`, the host part of references to it. */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The temporary folder holding its config and storage; deleted by `stop()`. */
  dir: string;
  /** The provisioned user, for `htpasswd`. */
  credentials?: RegistryAuth;
  /** Everything the registry printed so far (for failure messages). */
  logs(): string;
  /** Stops the process and deletes its storage. Idempotent. */
  stop(): Promise<void>;
}

/** Options for `startRegistry`. */
export interface StartRegistryOptions {
  auth?: RegistryAuthConfig;
  bin?: string;
  /** How long to wait for the registry to answer `/v2/`; default 15 s. */
  readyTimeoutMs?: number;
}

/**
 * Starts a registry and waits until it answers `GET /v2/` (200, or 401 when auth is on).
 * @throws Error with the registry's output when it exits or does not answer in time.
 */
export async function startRegistry(opts: StartRegistryOptions = {}): Promise<RegistryProcess> {
  const bin = opts.bin ?? DOCKER_REGISTRY_BIN;
  const missing = dockerRegistryMissing(bin);
  if (missing) throw new Error(missing);
  const dir = await mkdtemp(path.join(tmpdir(), 'oci-registry-'));
  const configPath = path.join(dir, 'config.yml');
  // JSON is YAML, and spares us quoting rules.
  await writeFile(configPath, JSON.stringify(registryConfig(dir, opts.auth ?? { kind: 'none' })));

  const child = spawn(bin, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killAndWait(child, exited);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 15_000);
    const fail = (why: string) => new Error(`docker-registry ${why}; its output:\n${output}`);
    let host: string | undefined;
    while (!host) {
      if (child.exitCode !== null) throw fail(`exited with code ${child.exitCode}`);
      if (Date.now() > deadline) throw fail('did not start listening in time');
      host = /listening on (127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (!host) await delay(20);
    }
    const url = `http://${host}`;
    while (!(await answers(`${url}/v2/`))) {
      if (child.exitCode !== null) throw fail(`exited with code ${child.exitCode}`);
      if (Date.now() > deadline) throw fail(`did not answer ${url}/v2/ in time`);
      await delay(20);
    }
    const running: RegistryProcess = { host, url, dir, logs: () => output, stop };
    if (opts.auth?.kind === 'htpasswd') {
      const m = /password="?([^"\s]+)"? user="?([^"\s]+)"?/.exec(output);
      if (!m?.[1] || !m[2]) throw fail('did not log the password it provisioned');
      running.credentials = { username: m[2], password: m[1] };
    }
    return running;
  } catch (err) {
    await stop();
    throw err;
  }
}

function registryConfig(dir: string, auth: RegistryAuthConfig): Record<string, unknown> {
  const config: Record<string, unknown> = {
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: path.join(dir, 'data') }, delete: { enabled: true } },
    // Port 0: the kernel picks a free port and the registry logs it ("listening on …").
    http: { addr: '127.0.0.1:0', secret: 'playground-test-secret' },
  };
  if (auth.kind === 'htpasswd') {
    config.auth = { htpasswd: { realm: 'basic-realm', path: path.join(dir, 'htpasswd') } };
  } else if (auth.kind === 'token') {
    const { realm, service, issuer, rootCertBundle: rootcertbundle } = auth;
    config.auth = { token: { realm, service, issuer, rootcertbundle } };
  }
  return config;
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status === 200 || res.status === 401;
  } catch {
    return false;
  }
}

async function killAndWait(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
