import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImagePullError } from '../kubelet-core/ports.ts';
import {
  applyDefaultImageTag,
  formatReference,
  parseNormalizedNamed,
  ReferenceFormatError,
} from './reference.ts';

const hex64 = 'a'.repeat(64);

describe('parseNormalizedNamed', () => {
  it.each([
    ['hello', 'docker.io/library/hello'],
    ['hello:v1', 'docker.io/library/hello:v1'],
    ['library/hello', 'docker.io/library/hello'],
    ['org/app:1.0', 'docker.io/org/app:1.0'],
    ['docker.io/hello', 'docker.io/library/hello'],
    ['index.docker.io/org/app', 'docker.io/org/app'],
    ['localhost/app', 'localhost/app'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    ['127.0.0.1:5000/app:latest', '127.0.0.1:5000/app:latest'],
    ['[::1]:5000/app:v1', '[::1]:5000/app:v1'],
    ['registry.example.com/org/name:tag', 'registry.example.com/org/name:tag'],
    ['Registry.Example.com/name', 'Registry.Example.com/name'],
    ['Foo/bar', 'Foo/bar'],
    ['a.b-c__d/e--f_g.h:T_1.x-y', 'a.b-c__d/e--f_g.h:T_1.x-y'],
    [`hello@sha256:${hex64}`, `docker.io/library/hello@sha256:${hex64}`],
    [`hello:v1@sha256:${hex64}`, `docker.io/library/hello:v1@sha256:${hex64}`],
    [
      `example.com:443/x/y/z@sha512:${'b'.repeat(128)}`,
      `example.com:443/x/y/z@sha512:${'b'.repeat(128)}`,
    ],
  ])('normalizes %s to %s', (image, expected) => {
    expect(formatReference(parseNormalizedNamed(image))).toBe(expected);
  });

  it('splits domain, path, tag and digest', () => {
    expect(parseNormalizedNamed(`127.0.0.1:5000/org/app:v2@sha256:${hex64}`)).toEqual({
      domain: '127.0.0.1:5000',
      path: 'org/app',
      tag: 'v2',
      digest: `sha256:${hex64}`,
    });
  });

  it.each([
    ['', 'invalid reference format'],
    ['hello:', 'invalid reference format'],
    ['hello world', 'invalid reference format'],
    ['-hello', 'invalid reference format'],
    ['hello/', 'invalid reference format'],
    ['http://example.com/app', 'invalid reference format'],
    ['hello:-v1', 'invalid reference format'],
    [`hello:${'t'.repeat(129)}`, 'invalid reference format'],
    ['hello@sha256:abc', 'invalid reference format'],
    ['Hello', 'invalid reference format: repository name (library/Hello) must be lowercase'],
    ['foo/Bar:v1', 'invalid reference format: repository name (foo/Bar) must be lowercase'],
    ['example.com/Upper', 'invalid reference format: repository name (Upper) must be lowercase'],
    [`hello@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [`hello@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [`hello@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [hex64, `invalid repository name (${hex64}), cannot specify 64-byte hexadecimal strings`],
    [`x/${'a'.repeat(254)}`, 'repository name must not be more than 255 characters'],
  ])('rejects %j: %s', (image, message) => {
    const parse = () => parseNormalizedNamed(image);
    expect(parse).toThrow(ReferenceFormatError);
    expect(parse).toThrow(new ReferenceFormatError(message));
  });

  it('accepts a 255-character repository path', () => {
    expect(parseNormalizedNamed(`x/${'a'.repeat(253)}`).path).toHaveLength(255);
  });

  it('round-trips every reference it accepts, and rejects others only with ReferenceFormatError', () => {
    const component = fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)?$/);
    const reference = fc
      .tuple(
        fc.constantFrom('', 'localhost/', '127.0.0.1:5000/', 'registry.example.com/'),
        fc.array(component, { minLength: 1, maxLength: 3 }),
        fc.option(fc.stringMatching(/^\w[\w.-]{0,10}$/), { nil: undefined }),
      )
      .map(([domain, path, tag]) => `${domain}${path.join('/')}${tag ? `:${tag}` : ''}`);
    fc.assert(
      fc.property(reference, (image) => {
        const once = formatReference(parseNormalizedNamed(image));
        expect(formatReference(parseNormalizedNamed(once))).toBe(once);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        try {
          parseNormalizedNamed(s);
        } catch (err) {
          expect(err).toBeInstanceOf(ReferenceFormatError);
        }
      }),
    );
  });
});

describe('applyDefaultImageTag', () => {
  it.each([
    ['hello', 'hello:latest'],
    ['hello:v1', 'hello:v1'],
    ['127.0.0.1:5000/app', '127.0.0.1:5000/app:latest'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    [`hello@sha256:${hex64}`, `hello@sha256:${hex64}`],
  ])('%s → %s', (image, expected) => {
    expect(applyDefaultImageTag(image)).toBe(expected);
  });

  it("throws the kubelet's InvalidImageName error", () => {
    const apply = () => applyDefaultImageTag('Hello World');
    expect(apply).toThrow(ImagePullError);
    expect(apply).toThrow(
      'Failed to apply default image tag "Hello World": couldn\'t parse image name "Hello World": invalid reference format',
    );
    try {
      apply();
    } catch (err) {
      expect((err as ImagePullError).reason).toBe('InvalidImageName');
    }
  });
});
