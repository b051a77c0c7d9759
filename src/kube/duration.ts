/**
 * Go's duration texts, as Kubernetes v1.33 prints them. Durations are milliseconds (fractions allowed,
 * down to the nanosecond Go counts in).
 *
 * - `humanDuration`: k8s.io/apimachinery/pkg/util/duration.HumanDuration, the AGE column and the
 *   "(5m ago)" of RESTARTS: about two significant figures ("3m10s", "47h", "2d1h", "2y1d").
 * - `shortHumanDuration`: duration.ShortHumanDuration, one unit only ("3m", "47h", "1d").
 * - `goDurationString`: Go's time.Duration.String() ("1m30s", "1.5s", "500ms", "1h0m0s"), the form
 *   kubelet messages and flags use.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Go's int(x) for a float64: truncation toward zero. */
const trunc = (x: number): number => Math.trunc(x);

function finite(ms: number): number {
  if (!Number.isFinite(ms))
    throw new RangeError(`duration must be a finite number of ms, got ${ms}`);
  return ms;
}

/**
 * A succinct duration for humans, ~2–3 significant figures (HumanDuration).
 * Up to 2 s in the past still reads "0s", to tolerate clock skew; further back is "<invalid>".
 */
export function humanDuration(ms: number): string {
  finite(ms);
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = trunc(ms / SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${trunc(hours / 24)}d` : `${trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365;
    const years = trunc(hours / 24 / 365);
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${trunc(hours / 24 / 365)}y`;
}

/** A duration in its single largest unit (ShortHumanDuration): "59s", "1m", "23h", "364d", "1y". */
export function shortHumanDuration(ms: number): string {
  finite(ms);
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(ms / HOUR / 24 / 365)}y`;
}

/** v/10^prec as ".123" with trailing zeros dropped (Go's fmtFrac); "" when the fraction is 0. */
function fraction(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printed ||= digit !== 0n;
    if (printed) digits = digit.toString() + digits;
    v /= 10n;
  }
  return [printed ? `.${digits}` : '', v];
}

/**
 * Go's time.Duration.String(): "72h3m0.5s", "1m30s", "1.5s", "2ms", "1µs", "0s".
 * The input is rounded to whole nanoseconds, as Go holds durations.
 */
export function goDurationString(ms: number): string {
  let ns = BigInt(Math.round(finite(ms) * 1e6));
  const neg = ns < 0n;
  if (neg) ns = -ns;
  let out: string;
  if (ns < 1_000_000_000n) {
    if (ns === 0n) return '0s';
    let unit: string;
    let prec: number;
    if (ns < 1000n) [unit, prec] = ['ns', 0];
    else if (ns < 1_000_000n) [unit, prec] = ['µs', 3];
    else [unit, prec] = ['ms', 6];
    const [frac, whole] = fraction(ns, prec);
    out = `${whole}${frac}${unit}`;
  } else {
    const [frac, secondsTotal] = fraction(ns, 9);
    out = `${secondsTotal % 60n}${frac}s`;
    const minutesTotal = secondsTotal / 60n;
    if (minutesTotal > 0n) {
      out = `${minutesTotal % 60n}m${out}`;
      const hours = minutesTotal / 60n;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}
