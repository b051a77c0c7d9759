/**
 * resource.Quantity as Kubernetes v1.33 parses, compares and prints it (k8s.io/apimachinery
 * pkg/api/resource): "100m", "1Gi", "1e3", "0.5", exact to the nano, never a float.
 *
 * A parsed quantity remembers its suffix family (DecimalSI, BinarySI, DecimalExponent) and, when the
 * input was already canonical, the input text itself, exactly as the Go type does: the API server
 * answers `cpu: 0.5` with `500m` but `cpu: 100m` and even `cpu: "+1"` unchanged.
 */

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

/** An exact decimal: the value is `mantissa × 10^exp`. */
export interface Quantity {
  readonly mantissa: bigint;
  readonly exp: number;
  readonly format: QuantityFormat;
  /** Whether Go holds it as an inf.Dec (the slow path) rather than an int64 with a scale. */
  readonly dec: boolean;
  /** The original text, kept when it was already canonical (Go's cached string). */
  readonly text?: string;
}

const splitRE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** The error texts of k8s.io/apimachinery/pkg/api/resource; they reach users in 400 responses. */
export const quantityErrors = {
  formatWrong: `quantities must match the regular expression '${splitRE}'`,
  numeric: 'unable to parse numeric part of quantity',
  suffix: "unable to parse quantity's suffix",
} as const;

export class QuantityParseError extends Error {}

const INT64_MAX = (1n << 63n) - 1n;
const NANO = -9;

interface Suffix {
  base: 10 | 2;
  exponent: number;
  format: QuantityFormat;
}
const decimalSuffixes: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const binarySuffixes: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function interpretSuffix(s: string): Suffix | undefined {
  if (Object.hasOwn(decimalSuffixes, s))
    return { base: 10, exponent: decimalSuffixes[s]!, format: 'DecimalSI' };
  if (Object.hasOwn(binarySuffixes, s))
    return { base: 2, exponent: binarySuffixes[s]!, format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[+-]?\d+$/.test(s.slice(1))) {
    const exponent = Number(s.slice(1));
    if (Number.isSafeInteger(exponent)) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Go's parseQuantityString: splits sign, numerator, denominator and suffix. */
function split(str: string) {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num: num || '0', denom: '', suffix: '' };
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos]!)) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityParseError(quantityErrors.formatWrong);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Rounds `mantissa × 10^exp` to a multiple of 10^targetExp, away from zero; reports exactness. */
function roundAway(mantissa: bigint, exp: number, targetExp: number): [bigint, boolean] {
  if (exp >= targetExp) return [mantissa * pow10(exp - targetExp), true];
  const divisor = pow10(targetExp - exp);
  const q = mantissa / divisor;
  if (q * divisor === mantissa) return [q, true];
  return [mantissa < 0n ? q - 1n : q + 1n, false];
}

const cache = new Map<string, Quantity>();

/**
 * Parses a quantity the way resource.ParseQuantity does. Results are immutable and memoized.
 * @throws QuantityParseError with the Kubernetes message
 */
export function parseQuantity(str: string): Quantity {
  const hit = cache.get(str);
  if (hit) return hit;
  const q = parseUncached(str);
  if (cache.size >= 4096) cache.clear();
  cache.set(str, q);
  return q;
}

function parseUncached(str: string): Quantity {
  if (str.length === 0) throw new QuantityParseError(quantityErrors.formatWrong);
  if (str === '0') return { mantissa: 0n, exp: 0, format: 'DecimalSI', dec: false, text: str };
  const { positive, value, num, denom, suffix } = split(str);
  const sfx = interpretSuffix(suffix);
  if (!sfx) throw new QuantityParseError(quantityErrors.suffix);

  let precision = 0;
  let scale = 0;
  let multiplier = 1n;
  if (sfx.format === 'BinarySI') {
    if (sfx.exponent >= 0 && denom.length === 0) {
      multiplier = 1n << BigInt(sfx.exponent);
      precision = 15 - num.length - Math.trunc((Math.fround(sfx.exponent) * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = sfx.exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const parsed = BigInt(shifted);
      if (parsed > INT64_MAX) throw new QuantityParseError(quantityErrors.numeric);
      const product = parsed * multiplier;
      if (product <= INT64_MAX) {
        const mantissa = positive ? product : -product;
        const canonical =
          sfx.format === 'BinarySI'
            ? sfx.exponent % 10 === 0 && (parsed & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return {
          mantissa,
          exp: scale,
          format: sfx.format,
          dec: false,
          ...(canonical ? { text: str } : {}),
        };
      }
    }
  }

  // inf.Dec path: exact decimal, rounded up to the nano, BinarySI capped at 2^63-1.
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw new QuantityParseError(quantityErrors.numeric);
  const fraction = m[3] ?? '';
  let mantissa = BigInt((m[2] || '0') + fraction);
  let exp = -fraction.length;
  if (sfx.base === 10) exp += sfx.exponent;
  else mantissa *= 1n << BigInt(sfx.exponent);
  if (mantissa !== 0n) [mantissa, exp] = [roundAway(mantissa, exp, NANO)[0], NANO];
  let format = sfx.format;
  if (format === 'BinarySI' && compareParts(mantissa, exp, INT64_MAX, 0) > 0)
    [mantissa, exp] = [INT64_MAX, 0];
  if (format === 'BinarySI' && mantissa > 0n && compareParts(mantissa, exp, 1n, 0) < 0)
    format = 'DecimalSI';
  return { mantissa: m[1] === '-' ? -mantissa : mantissa, exp, format, dec: true };
}

function compareParts(am: bigint, ae: number, bm: bigint, be: number): number {
  const e = Math.min(ae, be);
  const a = am * pow10(ae - e);
  const b = bm * pow10(be - e);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b (resource.Quantity.Cmp). */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return compareParts(a.mantissa, a.exp, b.mantissa, b.exp);
}

export const isZeroQuantity = (q: Quantity): boolean => q.mantissa === 0n;
export const quantitySign = (q: Quantity): number =>
  q.mantissa === 0n ? 0 : q.mantissa < 0n ? -1 : 1;

/** a + b, with a's format (b's when a is zero), as Quantity.Add. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const e = Math.min(a.exp, b.exp);
  const mantissa = a.mantissa * pow10(a.exp - e) + b.mantissa * pow10(b.exp - e);
  const big = mantissa > INT64_MAX || mantissa < -INT64_MAX;
  return {
    mantissa,
    exp: e,
    format: a.mantissa === 0n ? b.format : a.format,
    dec: a.dec || b.dec || big,
  };
}

/**
 * Quantity.RoundUp(scale): rounds away from zero to a multiple of 10^exp. Like Go, an int64-held value
 * already that coarse keeps its cached text; anything else is printed canonically afterwards.
 */
export function roundUpQuantity(q: Quantity, exp: number): Quantity {
  if (!q.dec && q.exp >= exp) return q;
  const [mantissa] = roundAway(q.mantissa, q.exp, exp);
  return { mantissa, exp, format: q.format, dec: q.dec };
}

/** ceil(q / 10^exp) as a number (Quantity.ScaledValue); Value() is exp 0, MilliValue() exp -3. */
export function scaledValue(q: Quantity, exp: number): number {
  const [m] = roundAway(q.mantissa, q.exp, exp);
  return Number(m);
}
export const quantityValue = (q: Quantity): number => scaledValue(q, 0);
export const quantityMilliValue = (q: Quantity): number => scaledValue(q, -3);

function decimalCanonical(mantissa: bigint, exp: number): [string, number] {
  let m = mantissa;
  let e = exp;
  while (m % 10n === 0n) {
    m /= 10n;
    e++;
  }
  while (e % 3 !== 0) {
    m *= 10n;
    e--;
  }
  return [m.toString(), e];
}

const decimalSuffixOf = (exp: number): string =>
  Object.keys(decimalSuffixes).find((k) => decimalSuffixes[k] === exp) ?? '';

/** The text the API server writes for the quantity (Quantity.String()). */
export function formatQuantity(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small =
      compareParts(q.mantissa, q.exp, -1024n, 0) > 0 &&
      compareParts(q.mantissa, q.exp, 1024n, 0) < 0;
    const [, exact] = roundAway(q.mantissa, q.exp, 0);
    if (small || !exact) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let [m] = roundAway(q.mantissa, q.exp, 0);
    let e = 0;
    while (m % 1024n === 0n) {
      m /= 1024n;
      e++;
    }
    const suffix = Object.keys(binarySuffixes).find((k) => binarySuffixes[k] === e * 10) ?? '';
    return m.toString() + suffix;
  }
  const [number, exp] = decimalCanonical(q.mantissa, q.exp);
  if (format === 'DecimalExponent') return exp === 0 ? number : `${number}e${exp}`;
  return number + decimalSuffixOf(exp);
}

/** Parses and prints back, the round trip every quantity makes through the API server. */
export function canonicalQuantity(text: string): string {
  return formatQuantity(parseQuantity(text));
}
