import { describe, expect, it } from 'vitest';
import { formatGoTime, normalizeGoTime, parseGoTime, RFC3339, RFC3339Micro } from './goTime.ts';
import {
  isCIdentifier,
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  nameIsDNSSubdomain,
  parseIP,
} from './names.ts';
import { nameIsPathSegment } from './validateMeta.ts';

// Messages of k8s.io/apimachinery/pkg/util/validation (v0.33.0).
describe('name rules', () => {
  it('DNS labels and subdomains', () => {
    expect(isDNS1123Label('my-name')).toEqual([]);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('-a')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDNS1123Subdomain('example.com')).toEqual([]);
    expect(isDNS1123Subdomain('é')).toHaveLength(1);
  });

  it('generateName prefixes may end in a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toHaveLength(1);
  });

  it('path segment names', () => {
    expect(nameIsPathSegment('..', false)).toEqual(["may not be '..'"]);
    expect(nameIsPathSegment('a/b%', false)).toEqual([
      "may not contain '/'",
      "may not contain '%'",
    ]);
    expect(nameIsPathSegment('..', true)).toEqual([]);
  });

  it('qualified names', () => {
    expect(isQualifiedName('example.com/name')).toEqual([]);
    expect(isQualifiedName('a/b/c')).toEqual([
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
    expect(isQualifiedName('')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(isValidLabelValue('')).toEqual([]);
  });

  it('config keys', () => {
    expect(isConfigMapKey('.env')).toEqual([]);
    expect(isConfigMapKey('.')).toEqual(["must not be '.'"]);
    expect(isConfigMapKey('..')).toEqual(["must not be '..'"]);
  });

  it('environment variable names, strict and relaxed (the v1.33 default)', () => {
    expect(isEnvVarName('1A')).toEqual([
      "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name', or 'MY_ENV.NAME', or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
    ]);
    expect(isRelaxedEnvVarName('1A b')).toEqual([]);
    expect(isRelaxedEnvVarName('')).toEqual(['environment variable name must be non-empty']);
    expect(isRelaxedEnvVarName('é')).toEqual([
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
    expect(isCIdentifier('_ok1')).toEqual([]);
  });

  it('port names', () => {
    expect(isValidPortName('http')).toEqual([]);
    expect(isValidPortName('a--b-')).toEqual([
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]);
    expect(isValidPortName('123')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('abcdefghijklmnop')).toEqual(['must be no more than 15 characters']);
  });

  it('IP addresses (sloppy IPv4 with leading zeros accepted)', () => {
    expect(parseIP('10.0.0.1')).toBe(4);
    expect(parseIP('010.000.000.001')).toBe(4);
    expect(parseIP('256.0.0.1')).toBeUndefined();
    expect(parseIP('2001:db8::ffff')).toBe(6);
    expect(parseIP('::ffff:10.0.0.1')).toBe(6);
    expect(parseIP('1::2::3')).toBeUndefined();
    expect(parseIP('nope')).toBeUndefined();
  });
});

describe('Go time parsing (metav1.Time, MicroTime)', () => {
  const parse = (layout: typeof RFC3339 | typeof RFC3339Micro, s: string) => {
    try {
      return formatGoTime(layout, parseGoTime(layout, s));
    } catch (e) {
      return (e as Error).message;
    }
  };

  it.each([
    ['2024-01-01T00:00:00+01:00', '2023-12-31T23:00:00Z'],
    ['2024-01-01T00:00:00.5Z', '2024-01-01T00:00:00Z'],
    ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2024-02-30T00:00:00Z', 'parsing time "2024-02-30T00:00:00Z": day out of range'],
    [
      '2024-01-01',
      'parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"',
    ],
    [
      '2024-01-01T00:00:00',
      'parsing time "2024-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"',
    ],
    ['2024-01-01T00:00:00Zjunk', 'parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"'],
  ])('RFC3339 %j → %j', (input, want) => {
    expect(parse(RFC3339, input)).toBe(want);
  });

  it('MicroTime needs exactly six fractional digits', () => {
    expect(parse(RFC3339Micro, '2024-01-01T00:00:00.123456+02:00')).toBe(
      '2023-12-31T22:00:00.123456Z',
    );
    expect(parse(RFC3339Micro, '2024-01-01T00:00:00.123Z')).toBe(
      'parsing time "2024-01-01T00:00:00.123Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".123Z" as ".000000"',
    );
  });

  it('normalizeGoTime remembers what it decoded, per layout, and never a failure', () => {
    const input = '2024-01-01T00:00:00.123456+02:00';
    expect(normalizeGoTime(RFC3339, input)).toBe('2023-12-31T22:00:00Z');
    expect(normalizeGoTime(RFC3339Micro, input)).toBe('2023-12-31T22:00:00.123456Z');
    expect(normalizeGoTime(RFC3339, input)).toBe('2023-12-31T22:00:00Z');
    // Go's zero time encodes as null, the second time as the first.
    expect(normalizeGoTime(RFC3339, '0001-01-01T00:00:00Z')).toBeUndefined();
    expect(normalizeGoTime(RFC3339, '0001-01-01T00:00:00Z')).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      expect(() => normalizeGoTime(RFC3339, '2024-13-01T00:00:00Z')).toThrow(
        'parsing time "2024-13-01T00:00:00Z": month out of range',
      );
    }
  });
});
