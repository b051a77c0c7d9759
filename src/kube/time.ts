/**
 * Kubernetes timestamps. metav1.Time serialises to RFC 3339 with whole seconds
 * ("2026-01-01T12:00:00Z"); metav1.MicroTime keeps microseconds ("...T12:00:00.000000Z").
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Civil date [year, month, day] from days since 1970-01-01 (Howard Hinnant's algorithm). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

let stampSecond = NaN;
let stampText = '';

/**
 * "YYYY-MM-DDTHH:MM:SS" of the second holding `ms`. The last one is remembered: every write of a
 * burst stamps the same second, and each would otherwise build it again from its six numbers.
 */
function stamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== stampSecond) {
    const days = Math.floor(second / 86_400);
    const rem = second - days * 86_400;
    const [y, mo, d] = civilFromDays(days);
    const h = Math.floor(rem / 3_600);
    const mi = Math.floor((rem % 3_600) / 60);
    stampText = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(rem % 60)}`;
    stampSecond = second;
  }
  return stampText;
}

/** The whole milliseconds within the second, as three digits (a clock may give fractions). */
const millis = (ms: number) => pad(Math.floor(ms) - Math.floor(ms / 1000) * 1000, 3);

/** metav1.Time: whole seconds, truncated as Go's RFC3339 formatting does. */
export function formatTime(ms: number): string {
  return `${stamp(ms)}Z`;
}

/** metav1.MicroTime: six fractional digits (our clock has millisecond resolution). */
export function formatMicroTime(ms: number): string {
  return `${stamp(ms)}.${millis(ms)}000Z`;
}

/** RFC 3339 with nanoseconds, as CRI log lines and `kubectl logs --timestamps` show them. */
export function formatNanoTime(ms: number): string {
  return `${stamp(ms)}.${millis(ms)}000000Z`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 timestamp to epoch milliseconds; undefined when it is not one. */
export function parseTime(text: string | undefined | null): number | undefined {
  if (!text) return undefined;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const days = daysFromCivil(Number(y), Number(mo), Number(d));
  let ms = days * 86_400_000 + Number(h) * 3_600_000 + Number(mi) * 60_000 + Number(s) * 1000;
  if (frac) ms += Math.floor(Number(`0${frac}`) * 1000);
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [zh, zm] = zone.slice(1).split(':').map(Number);
    ms -= sign * ((zh ?? 0) * 3_600_000 + (zm ?? 0) * 60_000);
  }
  return ms;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
