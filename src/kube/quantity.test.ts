import { describe, expect, it } from 'vitest';
import {
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  isZeroQuantity,
  parseQuantity,
  quantityErrors,
  quantityMilliValue,
  QuantityParseError,
  quantitySign,
  quantityValue,
  roundUpQuantity,
  scaledValue,
  type Quantity,
  type QuantityFormat,
} from './quantity.ts';

const q = (
  mantissa: bigint | number,
  exp: number,
  format: QuantityFormat = 'DecimalSI',
): Quantity => ({
  mantissa: BigInt(mantissa),
  exp,
  format,
  dec: false,
});

// Vectors ported from k8s.io/apimachinery/pkg/api/resource/quantity_test.go (v0.33.0).
describe('parseQuantity (TestQuantityParse)', () => {
  const table: [string, Quantity][] = [
    ['0', q(0, 0)],
    ['0n', q(0, 0)],
    ['0Ki', q(0, 0, 'BinarySI')],
    ['0M', q(0, 0)],
    ['1', q(1, 0)],
    ['1Ki', q(1024, 0, 'BinarySI')],
    ['7Mi', q(7 * 1024 * 1024, 0, 'BinarySI')],
    ['6Gi', q(6n * 1024n ** 3n, 0, 'BinarySI')],
    ['3Ei', q(3n * 1024n ** 6n, 0, 'BinarySI')],
    ['100Ti', q(100n * 1024n ** 4n, 0, 'BinarySI')],
    ['5n', q(5, -9)],
    ['4u', q(4, -6)],
    ['3m', q(3, -3)],
    ['50k', q(5, 4)],
    ['300T', q(3, 14)],
    ['1E', q(1, 18)],
    ['1E-3', q(1, -3, 'DecimalExponent')],
    ['1e3', q(1, 3, 'DecimalExponent')],
    ['1E18', q(1, 18, 'DecimalExponent')],
    ['100.035k', q(100035, 0)],
    ['0.0005k', q(5, -1)],
    ['0.5', q(5, -1)],
    ['0.50000', q(5, -1)],
    ['0.5e-2', q(5, -3, 'DecimalExponent')],
    ['1.3E+6', q(13, 5, 'DecimalExponent')],
    ['1.7E18', q(17, 17, 'DecimalExponent')],
    ['6.987654321G', q(6987654321, 0)],
    ['1.01E', q(101, 16)],
    ['3.001n', q(4, -9)],
    ['1.1E-9', q(2, -9, 'DecimalExponent')],
    ['0.0000000005', q(1, -9)],
    ['0.00000012354', q(124, -9)],
    ['9Ei', q((1n << 63n) - 1n, 0, 'BinarySI')],
    ['9223372036854775807Ki', q((1n << 63n) - 1n, 0, 'BinarySI')],
    ['12E', q(12, 18)],
    ['100.035Ki', q(10243584, -2, 'BinarySI')],
    ['0.5Mi', q(512 * 1024, 0, 'BinarySI')],
    ['0.025Ti', q(274877906944, -1, 'BinarySI')],
    ['0.000000000001Ki', q(2, -9)],
    ['.001', q(1, -3)],
    ['.0001k', q(100, -3)],
    ['1.', q(1, 0)],
    ['1.G', q(1, 9)],
  ];
  it.each(table)('%s', (input, want) => {
    for (const [text, sign] of [
      [input, 1n],
      [`-${input}`, -1n],
      [`+${input}`, 1n],
    ] as const) {
      const got = parseQuantity(text);
      expect(compareQuantities(got, { ...want, mantissa: want.mantissa * sign })).toBe(0);
      expect(got.format).toBe(want.format);
    }
  });

  it.each([
    ['', quantityErrors.formatWrong],
    ['aoeu', quantityErrors.formatWrong],
    ['1.1.M', quantityErrors.formatWrong],
    ['1+1.0M', quantityErrors.formatWrong],
    [' 1', quantityErrors.formatWrong],
    ['1 ', quantityErrors.formatWrong],
    ['0.1mi', quantityErrors.suffix],
    ['0.1am', quantityErrors.formatWrong],
    ['.5i', quantityErrors.suffix],
    ['1i', quantityErrors.suffix],
    ['-3.01e-', quantityErrors.suffix],
  ])('rejects %j with %s', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(new QuantityParseError(message));
  });

  it('quotes the regular expression in the format error as Kubernetes does', () => {
    expect(quantityErrors.formatWrong).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe('formatQuantity', () => {
  // TestQuantityString: [value, canonical, alternate spelling that prints canonically]
  it.each([
    [q(1024 * 1024 * 1024, 0, 'BinarySI'), '1Gi', '1024Mi'],
    [q(300 * 1024 * 1024, 0, 'BinarySI'), '300Mi', '307200Ki'],
    [q(1001n * 1024n ** 3n, 0, 'BinarySI'), '1001Gi', '1025024Mi'],
    [q(5, 0, 'BinarySI'), '5', '5000m'],
    [q(500, -3, 'BinarySI'), '500m', '0.5'],
    [q(1, 9), '1G', '1000M'],
    [q(1000, 6), '1G', '0.001T'],
    [q(1, -3), '1m', '1000u'],
    [q(1080, -3), '1080m', '1.08'],
    [q(108, -2), '1080m', '1080000000n'],
    [q(1234567, -3, 'BinarySI'), '1234567m', ''],
    [q(1025, 0, 'BinarySI'), '1025', ''],
    [q(0, 0, 'BinarySI'), '0', ''],
    [q(1, 9, 'DecimalExponent'), '1e9', '.001e12'],
    [q(1, -3, 'DecimalExponent'), '1e-3', '0.001e0'],
    [q(1, -9, 'DecimalExponent'), '1e-9', '1000e-12'],
    [q(80, -3, 'DecimalExponent'), '80e-3', ''],
    [q(0, 0, 'DecimalExponent'), '0', '00'],
    [q(10800, -10), '1080n', ''],
    [q(1080, -6), '1080u', ''],
  ])('%o prints %s', (value, canonical, alternate) => {
    expect(formatQuantity(value)).toBe(canonical);
    expect(parseQuantity(canonical).text).toBe(canonical);
    if (alternate) {
      expect(parseQuantity(alternate).text).toBeUndefined();
      expect(canonicalQuantity(alternate)).toBe(canonical);
    }
    if (value.mantissa !== 0n) {
      expect(formatQuantity({ ...value, mantissa: -value.mantissa })).toBe(`-${canonical}`);
    }
  });

  // TestQuantityParseEmit
  it.each([
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['.001Ki', '1024m'],
    ['.000001Ki', '1024u'],
    ['.000000001Ki', '1024n'],
    ['.000000000001Ki', '2n'],
  ])('%s round-trips as %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
    expect(canonicalQuantity(`-${input}`)).toBe(`-${want}`);
  });

  it('keeps already-canonical input text verbatim, as the API server echoes it', () => {
    expect(canonicalQuantity('100m')).toBe('100m');
    expect(canonicalQuantity('+1')).toBe('+1');
    expect(canonicalQuantity('1e3')).toBe('1e3');
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('2000m')).toBe('2');
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi');
  });
});

describe('arithmetic', () => {
  it('compares across formats and scales (TestQuantityCmp)', () => {
    const cmp = (a: string, b: string) => compareQuantities(parseQuantity(a), parseQuantity(b));
    expect(cmp('0', '0')).toBe(0);
    expect(cmp('100m', '50m')).toBe(1);
    expect(cmp('50m', '100m')).toBe(-1);
    expect(cmp('10000T', '100Gi')).toBe(1);
    expect(cmp('1Gi', '1073741824')).toBe(0);
    expect(cmp('0.5', '500m')).toBe(0);
  });

  it('adds, keeping the first non-zero format', () => {
    expect(formatQuantity(addQuantities(parseQuantity('100m'), parseQuantity('1')))).toBe('1100m');
    expect(formatQuantity(addQuantities(parseQuantity('0'), parseQuantity('1Ki')))).toBe('1Ki');
    expect(formatQuantity(addQuantities(parseQuantity('1Mi'), parseQuantity('1Mi')))).toBe('2Mi');
  });

  it('rounds up away from zero (TestQuantityRoundUp)', () => {
    const cases: [string, number, Quantity][] = [
      ['9.01', -3, q(901, -2)],
      ['9.01', -1, q(91, -1)],
      ['9.01', 0, q(10, 0)],
      ['9.01', 2, q(100, 0)],
      ['-9.01', -1, q(-91, -1)],
      ['-9.01', 2, q(-100, 0)],
    ];
    for (const [input, exp, want] of cases) {
      expect(compareQuantities(roundUpQuantity(parseQuantity(input), exp), want)).toBe(0);
    }
  });

  it('scales values with ceiling (TestScaledValue, Value, MilliValue)', () => {
    expect(scaledValue(q(1, -9), -6)).toBe(1);
    expect(scaledValue(q(1, -3), -9)).toBe(1_000_000);
    expect(scaledValue(q(1, 2), -2)).toBe(10_000);
    expect(quantityValue(parseQuantity('100m'))).toBe(1);
    expect(quantityMilliValue(parseQuantity('0.1'))).toBe(100);
    expect(quantityValue(parseQuantity('1Gi'))).toBe(1073741824);
  });

  it('reports sign and zero', () => {
    expect(isZeroQuantity(parseQuantity('0Mi'))).toBe(true);
    expect(quantitySign(parseQuantity('-1m'))).toBe(-1);
    expect(quantitySign(parseQuantity('0'))).toBe(0);
    expect(quantitySign(parseQuantity('1n'))).toBe(1);
  });
});
