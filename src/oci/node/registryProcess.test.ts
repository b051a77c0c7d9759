import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dockerRegistryMissing, startRegistry } from './registryProcess.ts';

describe('dockerRegistryMissing', () => {
  it('says why registry tests skip when the binary is absent', () => {
    expect(dockerRegistryMissing('/nonexistent/docker-registry')).toBe(
      "/nonexistent/docker-registry is not installed: real-registry tests skipped (scripts/ensure-system-deps.sh installs Debian's docker-registry)",
    );
  });

  it('refuses to start without the binary', async () => {
    await expect(startRegistry({ bin: '/nonexistent/docker-registry' })).rejects.toThrow(
      '/nonexistent/docker-registry is not installed',
    );
  });
});

const missing = dockerRegistryMissing();
describe.skipIf(missing)(missing ? `startRegistry: ${missing}` : 'startRegistry', () => {
  it('answers /v2/ on a free loopback port until stopped', async () => {
    const registry = await startRegistry();
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const res = await fetch(`${registry.url}/v2/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(existsSync(registry.dir)).toBe(true);
    await registry.stop();
    await registry.stop();
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow('fetch failed');
    expect(existsSync(registry.dir)).toBe(false);
  });

  it('provisions an htpasswd user and reports it', async () => {
    const registry = await startRegistry({ auth: { kind: 'htpasswd' } });
    try {
      expect(registry.credentials?.username).toBe('docker');
      expect(registry.credentials?.password.length).toBeGreaterThan(20);
      expect((await fetch(`${registry.url}/v2/`)).status).toBe(401);
      const { username, password } = registry.credentials!;
      const authorization = `Basic ${btoa(`${username}:${password}`)}`;
      expect((await fetch(`${registry.url}/v2/`, { headers: { authorization } })).status).toBe(200);
    } finally {
      await registry.stop();
    }
  });
});
