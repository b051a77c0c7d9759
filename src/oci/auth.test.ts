import { describe, expect, it } from 'vitest';
import {
  authFromDockerConfigJson,
  basicAuthorization,
  credentialsFor,
  parseChallenges,
  registryHostOf,
} from './auth.ts';

const config = (auths: unknown) => JSON.stringify({ auths });

describe('authFromDockerConfigJson', () => {
  it('reads username and password by host', () => {
    expect(
      authFromDockerConfigJson(config({ '127.0.0.1:5000': { username: 'u', password: 'p' } })),
    ).toEqual({ '127.0.0.1:5000': { username: 'u', password: 'p' } });
  });

  it('decodes the base64 auth field, which wins over username/password', () => {
    const auth = btoa('alice:s3cr:et');
    expect(
      authFromDockerConfigJson(
        config({ 'registry.example.com': { username: 'x', password: 'y', auth } }),
      ),
    ).toEqual({ 'registry.example.com': { username: 'alice', password: 's3cr:et' } });
  });

  it('accepts unpadded base64 and UTF-8 credentials', () => {
    const bytes = new TextEncoder().encode('jörg:pässword');
    const auth = btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
    expect(authFromDockerConfigJson(config({ h: { auth } })).h).toEqual({
      username: 'jörg',
      password: 'pässword',
    });
  });

  it('reduces keys to host[:port] and Docker Hub aliases to docker.io', () => {
    const parsed = authFromDockerConfigJson(
      config({
        'https://index.docker.io/v1/': { username: 'a', password: '1' },
        'http://Registry.Example.com:5000/some/path': { username: 'b', password: '2' },
        '*.example.org': { username: 'c', password: '3' },
      }),
    );
    expect(Object.keys(parsed)).toEqual([
      'docker.io',
      'registry.example.com:5000',
      '*.example.org',
    ]);
  });

  it('treats a document without auths as having no credentials', () => {
    expect(authFromDockerConfigJson('{}')).toEqual({});
  });

  it.each([
    ['{', /^invalid \.dockerconfigjson: .*JSON/],
    ['[]', 'invalid .dockerconfigjson: not a JSON object'],
    ['{"auths":[]}', 'invalid .dockerconfigjson: auths: not an object'],
    [config({ h: 'x' }), 'invalid .dockerconfigjson: auths["h"]: not an object'],
    [
      config({ h: { auth: '!!!' } }),
      'invalid .dockerconfigjson: auths["h"].auth: not valid base64',
    ],
    [
      config({ h: { auth: btoa('nocolon') } }),
      'invalid .dockerconfigjson: auths["h"].auth: unable to parse auth field, must be formatted as base64(username:password)',
    ],
  ])('rejects %s', (json, message) => {
    expect(() => authFromDockerConfigJson(json)).toThrow(message);
  });
});

describe('credentialsFor', () => {
  const auth = {
    '127.0.0.1:5000': { username: 'local', password: '1' },
    '*.example.com': { username: 'wild', password: '2' },
    '*.example.com:8443': { username: 'wildport', password: '3' },
    'docker.io': { username: 'hub', password: '4' },
  };

  it.each([
    ['127.0.0.1:5000', 'local'],
    ['registry.example.com', 'wild'],
    ['registry.example.com:8443', 'wildport'],
    ['index.docker.io', 'hub'],
    ['127.0.0.1:5001', undefined],
    ['a.b.example.com', undefined],
    ['example.com', undefined],
  ])('%s → %s', (host, user) => {
    expect(credentialsFor(host, auth)?.username).toBe(user);
  });

  it('has nothing without a map', () => {
    expect(credentialsFor('x', undefined)).toBeUndefined();
  });
});

describe('registryHostOf', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['HTTP://[::1]:5000/x', '[::1]:5000'],
    ['  host:1  ', 'host:1'],
  ])('%s → %s', (key, host) => {
    expect(registryHostOf(key)).toBe(host);
  });
});

describe('parseChallenges', () => {
  it('reads a Bearer challenge', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/hello:pull"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/hello:pull',
        },
      },
    ]);
  });

  it('reads several challenges, unquoted values and escapes', () => {
    expect(
      parseChallenges('Basic realm="a \\"b\\"", charset=UTF-8, Bearer Realm=x , error=e'),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'a "b"', charset: 'UTF-8' } },
      { scheme: 'bearer', params: { realm: 'x', error: 'e' } },
    ]);
  });

  it('survives empty and odd headers', () => {
    expect(parseChallenges(null)).toEqual([]);
    expect(parseChallenges('')).toEqual([]);
    expect(parseChallenges('Negotiate abc==')[0]?.scheme).toBe('negotiate');
  });
});

describe('basicAuthorization', () => {
  it('encodes user:password as UTF-8 base64', () => {
    expect(basicAuthorization({ username: 'Aladdin', password: 'open sesame' })).toBe(
      'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    );
    expect(basicAuthorization({ username: 'ü', password: '' })).toBe('Basic w7w6');
  });
});
