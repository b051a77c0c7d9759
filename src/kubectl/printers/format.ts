/**
 * Small Go-isms the printers share: metav1.Time zero values, "5m" ages, RFC 1123 dates, Go's string
 * ordering and TrimSpace, and labels.FormatLabels.
 */
import { humanDuration } from '../../kube/duration.ts';
import { formatQuantity, parseQuantity, type Quantity } from '../../kube/quantity.ts';
import { civilFromDays, parseTime } from '../../kube/time.ts';

/** Go's zero time.Time (0001-01-01T00:00:00Z) in ms since the epoch. */
export const GO_ZERO_TIME = parseTime('0001-01-01T00:00:00Z')!;

/** A metav1.Time or MicroTime as ms, or undefined for Go's zero time (unset, null or year 1). */
export function timeOf(text: string | null | undefined): number | undefined {
  const ms = parseTime(text ?? undefined);
  return ms === undefined || ms === GO_ZERO_TIME ? undefined : ms;
}

/** translateTimestampSince: "<unknown>" for a zero time, else the HumanDuration since it. */
export function since(text: string | null | undefined, now: number): string {
  const t = timeOf(text);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Go's time.RFC1123Z layout, "Mon, 02 Jan 2006 15:04:05 -0700", in UTC (kubectl uses the local zone;
 * the playground's is UTC). An unset time prints as Go's zero time, as describe does.
 */
export function formatRFC1123Z(text: string | null | undefined): string {
  const ms = parseTime(text ?? undefined) ?? GO_ZERO_TIME;
  const days = Math.floor(ms / 86_400_000);
  const [y, mo, d] = civilFromDays(days);
  const rem = ms - days * 86_400_000;
  const weekday = DAYS[(((days + 4) % 7) + 7) % 7]!; // 1970-01-01 was a Thursday
  const clock = `${pad(Math.floor(rem / 3_600_000))}:${pad(Math.floor(rem / 60_000) % 60)}:${pad(Math.floor(rem / 1000) % 60)}`;
  return `${weekday}, ${pad(d)} ${MONTHS[mo - 1]} ${pad(y, 4)} ${clock} +0000`;
}

/** Go's string comparison (by code point, as UTF-8 bytes order), for sort comparators. */
export function compareGoStrings(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

export const sortedKeys = (m: Record<string, unknown> | undefined | null): string[] =>
  Object.keys(m ?? {}).sort(compareGoStrings);

const goSpace =
  '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const goTrimRE = new RegExp(`^${goSpace}+|${goSpace}+$`, 'g');

/** Go's strings.TrimSpace (unicode.IsSpace differs from JS trim: U+0085 yes, U+FEFF no). */
export const goTrimSpace = (s: string): string => s.replace(goTrimRE, '');

/** labels.FormatLabels: "a=b,c=d" sorted, or "<none>". */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const pairs = Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? '<none>' : pairs.sort(compareGoStrings).join(',');
}

/** Go's int64(f) for a float64 as amd64 does it: NaN and out-of-range values give MinInt64. */
export function goInt64(f: number): string {
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) return '-9223372036854775808';
  return String(Math.trunc(f));
}

/** A resource quantity as Quantity.String() prints it; `where` names the field in the error. */
export function quantityText(value: unknown, where: string): string {
  return formatQuantity(quantityOf(value, where));
}

/** Parses a resource quantity (string or number), naming the field when it is not one. */
export function quantityOf(value: unknown, where: string): Quantity {
  try {
    return parseQuantity(String(value));
  } catch (err) {
    throw new Error(
      `${where}: invalid quantity ${JSON.stringify(value)}: ${(err as Error).message}`,
    );
  }
}
