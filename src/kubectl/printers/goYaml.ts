/**
 * YAML exactly as kubectl writes it: sigs.k8s.io/yaml v1.4.0 turns the object into JSON and emits it
 * with its fork of go-yaml v2. That means: mapping keys in go-yaml's "natural" order ("a2" < "a10"),
 * sequences not indented under their key, strings quoted only when YAML 1.1 would read them as
 * something else ("123", "true", "y", "2024-01-01", "1:20"), literal blocks for multi-line strings,
 * plain and quoted scalars folded past column 80, and libyaml's escapes in double quotes.
 *
 * A port for JSON-shaped values: goYamlScalars.ts decides styles, goYamlEmitter.ts writes them.
 */

import { Emitter } from './goYamlEmitter.ts';
import { analyze, canBePlain, enc, type Style } from './goYamlScalars.ts';

/** A JSON-shaped value, as kubectl has it after decoding the API server's JSON. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// ---- mapping key order (sorter.go keyList.Less) --------------------------------------------------
const isLetter = (ch: string) => /\p{L}/u.test(ch);
const isDigit = (ch: string) => /\p{Nd}/u.test(ch);

/** go-yaml v2's "natural" key order: digit runs compare as numbers, letters after other runes. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) {
      an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48));
    }
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) {
      bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48));
    }
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

const compareKeys = (a: string, b: string): number =>
  yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;

// ---- values --------------------------------------------------------------------------------------
/**
 * A number as go-yaml writes what it decoded from JSON: integers that fit int64/uint64 in decimal,
 * anything else as strconv.FormatFloat(f, 'g', -1, 64) ("0.5", "1e+21", "1.2345675e+06").
 */
export function formatYamlNumber(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 64) return BigInt(f).toString();
  const [mantissa, expText] = f.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

interface Context {
  mapping: boolean;
  simpleKey: boolean;
}

function emitScalar(e: Emitter, value: string, requested: Style, ctx: Context): void {
  const v = enc.encode(value);
  const a = analyze(v);
  let style = requested;
  if (ctx.simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (v.length === 0 && ctx.simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || ctx.simpleKey)) style = 'double';
  e.increaseIndent(true, false);
  const allowBreaks = !ctx.simpleKey;
  if (style === 'plain') e.writePlain(v, allowBreaks);
  else if (style === 'single') e.writeSingleQuoted(v, allowBreaks);
  else if (style === 'double') e.writeDoubleQuoted(v, allowBreaks);
  else e.writeLiteral(v);
  e.popIndent();
}

/** The style the encoder asks for (encode.go stringv); the emitter may still override it. */
const stringStyle = (s: string): Style =>
  s.includes('\n') ? 'literal' : canBePlain(s) ? 'plain' : 'double';

function emitNode(e: Emitter, value: JsonValue, ctx: Context): void {
  if (value === null) return emitScalar(e, 'null', 'plain', ctx);
  if (typeof value === 'boolean') return emitScalar(e, String(value), 'plain', ctx);
  if (typeof value === 'number') return emitScalar(e, formatYamlNumber(value), 'plain', ctx);
  if (typeof value === 'string') return emitScalar(e, value, stringStyle(value), ctx);
  if (Array.isArray(value)) {
    if (value.length === 0) return emitEmpty(e, '[', ']');
    e.increaseIndent(false, ctx.mapping && !e.indention);
    for (const item of value) {
      e.writeIndent();
      e.writeIndicator('-', true, false, true);
      emitNode(e, item, { mapping: false, simpleKey: false });
    }
    e.popIndent();
    return;
  }
  if (typeof value !== 'object') throw new TypeError(`cannot write ${typeof value} as YAML`);
  const keys = Object.keys(value).sort(compareKeys);
  if (keys.length === 0) return emitEmpty(e, '{', '}');
  e.increaseIndent(false, false);
  for (const key of keys) {
    e.writeIndent();
    const bytes = enc.encode(key).length;
    const simple = !analyze(enc.encode(key)).multiline && bytes <= 128;
    if (simple) {
      emitNode(e, key, { mapping: true, simpleKey: true });
      e.writeIndicator(':', false, false, false);
    } else {
      e.writeIndicator('?', true, false, true);
      emitNode(e, key, { mapping: true, simpleKey: false });
      e.writeIndent();
      e.writeIndicator(':', true, false, true);
    }
    emitNode(e, value[key]!, { mapping: true, simpleKey: false });
  }
  e.popIndent();
}

/** An empty collection, in flow style: " {}" / " []". */
function emitEmpty(e: Emitter, open: string, close: string): void {
  e.writeIndicator(open, true, true, false);
  e.increaseIndent(true, false);
  e.popIndent();
  e.writeIndicator(close, false, false, false);
}

/**
 * sigs.k8s.io/yaml.Marshal of a JSON-shaped value, as `kubectl get -o yaml` prints an object.
 *
 * @example toGoYaml({ kind: 'Pod', apiVersion: 'v1' }) === 'apiVersion: v1\nkind: Pod\n'
 */
export function toGoYaml(value: JsonValue): string {
  const e = new Emitter();
  emitNode(e, toJsonShape(value, '$'), { mapping: false, simpleKey: false });
  // A document ends with a line break (yaml_emitter_emit_document_end writes the indent).
  e.writeIndent();
  return e.text();
}

/** The JSON round trip sigs.k8s.io/yaml makes: drops undefined, rejects what JSON cannot hold. */
function toJsonShape(value: unknown, path: string): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path}: ${value} cannot be written as JSON`);
    return value;
  }
  if (Array.isArray(value))
    return value.map((item, i) => (item === undefined ? null : toJsonShape(item, `${path}[${i}]`)));
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = toJsonShape(v, `${path}.${k}`);
    }
    return out;
  }
  throw new Error(`${path}: a ${typeof value} cannot be written as JSON`);
}
