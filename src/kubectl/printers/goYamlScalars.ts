/**
 * go-yaml v2's view of a scalar (sigs.k8s.io/yaml v1.4.0 goyaml.v2: yamlprivateh.go, resolve.go,
 * encode.go, emitterc.go's yaml_emitter_analyze_scalar): byte classes, whether a plain scalar would
 * read back as a string, and which styles the text allows. It works on UTF-8 bytes as libyaml does.
 */

export const enc = new TextEncoder();
// ignoreBOM: a U+FEFF in a value is data, not a byte-order mark to drop.
export const dec = new TextDecoder('utf-8', { ignoreBOM: true });

// ---- byte classes (yamlprivateh.go) -----------------------------------------------------------
/** The length of the UTF-8 sequence a lead byte starts (0 for a continuation byte). */
export function width(b: number): number {
  if ((b & 0x80) === 0) return 1;
  if ((b & 0xe0) === 0xc0) return 2;
  if ((b & 0xf0) === 0xe0) return 3;
  return (b & 0xf8) === 0xf0 ? 4 : 0;
}
export const at = (v: Uint8Array, i: number): number => (i < v.length ? v[i]! : 0);
export const isSpace = (v: Uint8Array, i: number) => at(v, i) === 0x20;
export const isBlank = (v: Uint8Array, i: number) => at(v, i) === 0x20 || at(v, i) === 0x09;
export const isBreak = (v: Uint8Array, i: number) => {
  const b = at(v, i);
  return (
    b === 0x0d ||
    b === 0x0a ||
    (b === 0xc2 && at(v, i + 1) === 0x85) ||
    (b === 0xe2 && at(v, i + 1) === 0x80 && (at(v, i + 2) === 0xa8 || at(v, i + 2) === 0xa9))
  );
};
const isBreakz = (v: Uint8Array, i: number) => isBreak(v, i) || at(v, i) === 0;
const isBlankz = (v: Uint8Array, i: number) => isBlank(v, i) || isBreakz(v, i);
export const isPrintable = (v: Uint8Array, i: number): boolean => {
  const b = at(v, i);
  const b1 = at(v, i + 1);
  const b2 = at(v, i + 2);
  return (
    b === 0x0a ||
    (b >= 0x20 && b <= 0x7e) ||
    (b === 0xc2 && b1 >= 0xa0) ||
    (b > 0xc2 && b < 0xed) ||
    (b === 0xed && b1 < 0xa0) ||
    b === 0xee ||
    (b === 0xef && !(b1 === 0xbb && b2 === 0xbf) && !(b1 === 0xbf && (b2 === 0xbe || b2 === 0xbf)))
  );
};
// libyaml checks the first three bytes of the whole value here, not those at i; kept as is.
export const isBom = (v: Uint8Array) => at(v, 0) === 0xef && at(v, 1) === 0xbb && at(v, 2) === 0xbf;

// ---- what a plain scalar would resolve to (resolve.go, encode.go) --------------------------------
// The scalars go-yaml resolves by table: YAML 1.1 booleans, nulls ("" included), .inf/.nan and "<<".
const resolveMap = new Set([
  '',
  ...'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF'.split(
    ' ',
  ),
  ...'~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF <<'.split(
    ' ',
  ),
]);
const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** strconv.ParseInt/ParseUint with base 0 and 64 bits (underscores already removed). */
function parsesAsGoInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const digits = m[2]!;
  const lower = digits.toLowerCase();
  let n: bigint;
  if (lower.startsWith('0x') || lower.startsWith('0b') || lower.startsWith('0o')) n = BigInt(lower);
  else if (digits.length > 1 && digits.startsWith('0')) n = BigInt(`0o${digits.slice(1)}`);
  else n = BigInt(digits);
  if (m[1] === '-') return n <= 2n ** 63n;
  return n < 2n ** 64n; // ParseUint accepts up to 2^64-1 (and a leading '+' fails it, but ParseInt took it)
}

/** strconv.ParseFloat without a range error, for a string that starts with '.'. */
const parsesAsDotFloat = (s: string): boolean =>
  /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && Number.isFinite(Number(s));

function daysIn(y: number, m: number): number {
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

const DATE = '(\\d{4})-(\\d{1,2})-(\\d{1,2})';
const CLOCK = '(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:[.,]\\d+)?';
const timestampLayouts = [
  new RegExp(`^${DATE}[Tt]${CLOCK}(?:Z|[+-]\\d{2}:\\d{2})$`), // "2006-1-2T15:4:5.999999999Z07:00"
  new RegExp(`^${DATE} ${CLOCK}$`), // "2006-1-2 15:4:5.999999999"
  new RegExp(`^${DATE}$`), // "2006-1-2"
];

/** go-yaml's parseTimestamp: four digits and '-', then one of the layouts it tries with time.Parse. */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  return timestampLayouts.some((re) => {
    const m = re.exec(s);
    if (!m) return false;
    const [, y, mo, d, h, mi, sec] = m.map(Number) as number[];
    if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysIn(y!, mo!)) return false;
    return h === undefined || Number.isNaN(h) || (h < 24 && mi! < 60 && sec! < 60);
  });
}

/** The hint go-yaml's resolver takes from a scalar's first byte. */
function resolveHint(s: string): string {
  if (s === '') return 'N';
  const c = s[0]!;
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return '';
}

/** Whether go-yaml may write `s` unquoted: it must resolve back to a string, and not a base-60 float. */
export function canBePlain(s: string): boolean {
  const hint = resolveHint(s);
  if (hint !== '') {
    if (resolveMap.has(s)) return false;
    if (hint === '.' && parsesAsDotFloat(s)) return false;
    if (hint === 'D' || hint === 'S') {
      if (isTimestamp(s)) return false;
      const plain = s.replace(/_/g, '');
      if (parsesAsGoInt(plain)) return false;
      if (yamlStyleFloat.test(plain) && Number.isFinite(Number(plain))) return false;
    }
  }
  const c = s[0];
  const base60 =
    (c === '+' || c === '-' || (c !== undefined && c >= '0' && c <= '9')) && s.includes(':');
  return !(base60 && base60float.test(s));
}

// ---- scalar analysis (yaml_emitter_analyze_scalar) ----------------------------------------------
export interface Analysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

export function analyze(v: Uint8Array): Analysis {
  if (v.length === 0) {
    return {
      multiline: false,
      flowPlainAllowed: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  const first3 = dec.decode(v.subarray(0, 3));
  if (v.length >= 3 && (first3 === '---' || first3 === '...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  for (let i = 0, w = 0; i < v.length; i += w) {
    w = width(v[i]!);
    const followedByWhitespace = i + w >= v.length || isBlank(v, i + w);
    const ch = String.fromCharCode(v[i]!);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowIndicators = true;
        blockIndicators = true;
      } else if (ch === '?' || ch === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (ch === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else if (',?[]{}'.includes(ch)) {
      flowIndicators = true;
    } else if (ch === ':') {
      flowIndicators = true;
      if (followedByWhitespace) blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      flowIndicators = true;
      blockIndicators = true;
    }
    if (!isPrintable(v, i)) special = true; // the encoder allows unicode, so only unprintables count
    if (isSpace(v, i)) {
      if (i === 0) leadingSpace = true;
      if (i + w === v.length) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(v, i)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i + w === v.length) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(v, i);
  }
  const a: Analysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = false;
  if (spaceBreak || special) {
    a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
  }
  if (lineBreaks) a.flowPlainAllowed = a.blockPlainAllowed = false;
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

export type Style = 'plain' | 'single' | 'double' | 'literal';
