/**
 * metav1.Time and metav1.MicroTime as the API server decodes and re-encodes them: Go's time.Parse
 * with the RFC 3339 layouts (and its error texts, which reach users in 400 responses), then
 * formatting in UTC, whole seconds for Time and microseconds for MicroTime.
 * Pure arithmetic: no Date, the core has no clock but the Clock port.
 */
import { goQuote } from './fieldErrors.ts';

export const RFC3339 = '2006-01-02T15:04:05Z07:00';
export const RFC3339Micro = '2006-01-02T15:04:05.000000Z07:00';

export class TimeParseError extends Error {}

type Chunk = { prefix: string; std: string };
const layoutChunks: Record<string, Chunk[]> = {
  [RFC3339]: [
    { prefix: '', std: '2006' },
    { prefix: '-', std: '01' },
    { prefix: '-', std: '02' },
    { prefix: 'T', std: '15' },
    { prefix: ':', std: '04' },
    { prefix: ':', std: '05' },
    { prefix: '', std: 'Z07:00' },
  ],
  [RFC3339Micro]: [
    { prefix: '', std: '2006' },
    { prefix: '-', std: '01' },
    { prefix: '-', std: '02' },
    { prefix: 'T', std: '15' },
    { prefix: ':', std: '04' },
    { prefix: ':', std: '05' },
    { prefix: '', std: '.000000' },
    { prefix: '', std: 'Z07:00' },
  ],
};

const isDigitAt = (s: string, i: number) => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's getnum: one or two digits; `fixed` demands two. */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

const daysIn = (month: number, year: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

interface Parsed {
  /** Seconds since the Unix epoch, UTC. */
  seconds: number;
  nanos: number;
}

/** time.Parse for the two RFC 3339 layouts the API uses. @throws TimeParseError with Go's text */
export function parseGoTime(layout: typeof RFC3339 | typeof RFC3339Micro, input: string): Parsed {
  const fail = (valueElem: string, layoutElem: string) =>
    new TimeParseError(
      `parsing time ${goQuote(input)} as ${goQuote(layout)}: cannot parse ${goQuote(valueElem)} as ${goQuote(layoutElem)}`,
    );
  const rangeFail = (what: string) =>
    new TimeParseError(`parsing time ${goQuote(input)}: ${what} out of range`);
  let value = input;
  let year = 0,
    month = 0,
    day = 0,
    hour = 0,
    min = 0,
    sec = 0,
    nanos = 0,
    offset = 0;
  for (const { prefix, std } of layoutChunks[layout]!) {
    if (!value.startsWith(prefix)) throw fail(value, prefix);
    value = value.slice(prefix.length);
    const hold = value;
    let n: [number, string] | undefined;
    switch (std) {
      case '2006':
        if (value.length < 4 || !/^\d{4}$/.test(value.slice(0, 4))) throw fail(hold, std);
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      case '01':
        if (!(n = getnum(value, true))) throw fail(hold, std);
        [month, value] = n;
        if (month <= 0 || month > 12) throw rangeFail('month');
        break;
      case '02':
        if (!(n = getnum(value, true))) throw fail(hold, std);
        [day, value] = n;
        break;
      case '15':
        if (!(n = getnum(value, false))) throw fail(hold, std);
        [hour, value] = n;
        if (hour >= 24) throw rangeFail('hour');
        break;
      case '04':
        if (!(n = getnum(value, true))) throw fail(hold, std);
        [min, value] = n;
        if (min >= 60) throw rangeFail('minute');
        break;
      case '05': {
        if (!(n = getnum(value, true))) throw fail(hold, std);
        [sec, value] = n;
        if (sec >= 60) throw rangeFail('second');
        // A fraction the layout does not name is still accepted (Go's special case).
        if (
          layout === RFC3339 &&
          value.length >= 2 &&
          (value[0] === '.' || value[0] === ',') &&
          isDigitAt(value, 1)
        ) {
          let end = 2;
          while (isDigitAt(value, end)) end++;
          nanos = Number(value.slice(1, Math.min(end, 10)).padEnd(9, '0'));
          value = value.slice(end);
        }
        break;
      }
      case '.000000':
        if (
          value.length < 7 ||
          (value[0] !== '.' && value[0] !== ',') ||
          !/^\d{6}$/.test(value.slice(1, 7))
        ) {
          throw fail(hold, std);
        }
        nanos = Number(value.slice(1, 7)) * 1000;
        value = value.slice(7);
        break;
      case 'Z07:00': {
        if (value[0] === 'Z') {
          value = value.slice(1);
          break;
        }
        if (value.length < 6 || value[3] !== ':') throw fail(hold, std);
        const [sign, hh, mm] = [value[0], value.slice(1, 3), value.slice(4, 6)];
        const h = getnum(hh, true);
        const m = getnum(mm, true);
        if (!h || !m || (sign !== '+' && sign !== '-')) throw fail(hold, std);
        if (h[0] > 24) throw rangeFail('time zone offset hour');
        if (m[0] > 60) throw rangeFail('time zone offset minute');
        offset = (sign === '-' ? -1 : 1) * (h[0] * 60 + m[0]) * 60;
        value = value.slice(6);
        break;
      }
    }
  }
  if (value.length > 0)
    throw new TimeParseError(`parsing time ${goQuote(input)}: extra text: ${goQuote(value)}`);
  if (day < 1 || day > daysIn(month, year)) throw rangeFail('day');
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec - offset;
  return { seconds, nanos };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Formats UTC seconds (+ nanos) with the layout, as Time.UTC().Format does. */
export function formatGoTime(layout: typeof RFC3339 | typeof RFC3339Micro, t: Parsed): string {
  const days = Math.floor(t.seconds / 86400);
  const rem = t.seconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const base = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${pad(Math.floor(rem / 3600), 2)}:${pad(Math.floor((rem % 3600) / 60), 2)}:${pad(rem % 60, 2)}`;
  return layout === RFC3339Micro ? `${base}.${pad(Math.floor(t.nanos / 1000), 6)}Z` : `${base}Z`;
}

/** Seconds from 0001-01-01 to 1970-01-01: Go's zero time, which encodes as null. */
const ZERO_TIME_SECONDS = daysFromCivil(1, 1, 1) * 86400;
export const isZeroGoTime = (t: Parsed): boolean =>
  t.seconds === ZERO_TIME_SECONDS && t.nanos === 0;

const normalized: Record<string, Map<string, string | undefined>> = {
  [RFC3339]: new Map(),
  [RFC3339Micro]: new Map(),
};

/**
 * What the API server stores for a time it decodes: the input parsed and formatted again in UTC,
 * or undefined for Go's zero time (which encodes as null). Remembers recent inputs: a cluster
 * writes the same second into many objects, and status writes carry every time they hold again.
 * @throws TimeParseError with Go's text (failures are not remembered)
 */
export function normalizeGoTime(
  layout: typeof RFC3339 | typeof RFC3339Micro,
  input: string,
): string | undefined {
  const seen = normalized[layout]!;
  const hit = seen.get(input);
  if (hit !== undefined || seen.has(input)) return hit;
  const t = parseGoTime(layout, input);
  const out = isZeroGoTime(t) ? undefined : formatGoTime(layout, t);
  if (seen.size >= 4096) seen.clear();
  seen.set(input, out);
  return out;
}
