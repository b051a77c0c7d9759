/**
 * A port of the reporter of github.com/google/go-cmp (cmp.Diff), enough for Kubernetes' pod update
 * error: it compares two Go values and prints the difference as go-cmp does, with `-`/`+` lines, two
 * records of context, `... // N identical fields` elisions, aligned keys and go-cmp's verbosity limits.
 * go-cmp randomly swaps spaces for non-breaking ones and perturbs its slice diff to discourage
 * exact matching; this port is its deterministic mode (plain spaces).
 */
import { compareQuantities } from '../../kube/quantity.ts';
import { goQuote } from './fieldErrors.ts';
import { isZero, type GoValue } from './goValue.ts';

// ----- comparison tree -----

interface Node {
  x: GoValue | undefined;
  y: GoValue | undefined;
  type: string;
  kind: GoValue['k'];
  numSame: number;
  numDiff: number;
  numChildren: number;
  maxDepth: number;
  records?: { key: string; node: Node }[];
  value?: Node;
}

const leaf = (x: GoValue | undefined, y: GoValue | undefined, equal: boolean): Node => ({
  x,
  y,
  type: (x ?? y)!.type,
  kind: (x ?? y)!.k,
  numSame: equal ? 1 : 0,
  numDiff: equal ? 0 : 1,
  numChildren: 0,
  maxDepth: 0,
});

function adopt(parent: Node, child: Node): void {
  parent.numSame += child.numSame;
  parent.numDiff += child.numDiff;
  parent.numChildren += child.numChildren + 1;
  parent.maxDepth = Math.max(parent.maxDepth, child.maxDepth + 1);
}

/** Deep equality as cmp sees it (Quantity through its Equal method). */
export function goEqual(a: GoValue, b: GoValue): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'struct': {
      const bs = b as typeof a;
      if (a.quantity !== undefined || bs.quantity !== undefined) {
        if (!a.quantity || !bs.quantity) return !a.quantity && !bs.quantity;
        return compareQuantities(a.quantity, bs.quantity) === 0;
      }
      return (
        a.fields.length === bs.fields.length &&
        a.fields.every((f, i) => goEqual(f.v, bs.fields[i]!.v))
      );
    }
    case 'ptr': {
      const bp = b as typeof a;
      if (a.elem === null || bp.elem === null) return a.elem === bp.elem;
      return goEqual(a.elem, bp.elem);
    }
    case 'slice': {
      const bl = b as typeof a;
      if (a.elems === null || bl.elems === null) return a.elems === bl.elems;
      return (
        a.elems.length === bl.elems.length && a.elems.every((e, i) => goEqual(e, bl.elems![i]!))
      );
    }
    case 'map': {
      const bm = b as typeof a;
      if (a.entries === null || bm.entries === null) return a.entries === bm.entries;
      return (
        a.entries.length === bm.entries.length &&
        a.entries.every((e, i) => e.key === bm.entries![i]!.key && goEqual(e.v, bm.entries![i]!.v))
      );
    }
    default:
      return a.v === (b as typeof a).v;
  }
}

function compare(x: GoValue | undefined, y: GoValue | undefined): Node {
  if (!x || !y) return leaf(x, y, false);
  if (x.k === 'struct' && (x.quantity !== undefined || (y as typeof x).quantity !== undefined))
    return leaf(x, y, goEqual(x, y));
  const node: Node = {
    x,
    y,
    type: x.type,
    kind: x.k,
    numSame: 0,
    numDiff: 0,
    numChildren: 0,
    maxDepth: 0,
  };
  switch (x.k) {
    case 'struct': {
      const ys = y as typeof x;
      node.records = x.fields.map((f, i) => ({ key: f.name, node: compare(f.v, ys.fields[i]?.v) }));
      break;
    }
    case 'ptr': {
      const yp = y as typeof x;
      if (x.elem === null || yp.elem === null) return leaf(x, y, x.elem === yp.elem);
      node.value = compare(x.elem, yp.elem);
      adopt(node, node.value);
      return node;
    }
    case 'slice': {
      const yl = y as typeof x;
      if (x.elems === null || yl.elems === null) return leaf(x, y, x.elems === yl.elems);
      node.records = editScript(x.elems, yl.elems).map(([a, b]) => ({
        key: '',
        node: compare(a, b),
      }));
      break;
    }
    case 'map': {
      const ym = y as typeof x;
      if (x.entries === null || ym.entries === null) return leaf(x, y, x.entries === ym.entries);
      const keys = [
        ...new Set([...x.entries.map((e) => e.key), ...ym.entries.map((e) => e.key)]),
      ].sort();
      node.records = keys.map((key) => ({
        key: mapKey(x, key),
        node: compare(
          x.entries!.find((e) => e.key === key)?.v,
          ym.entries!.find((e) => e.key === key)?.v,
        ),
      }));
      break;
    }
    default:
      return leaf(x, y, goEqual(x, y));
  }
  for (const r of node.records!) adopt(node, r.node);
  return node;
}

const mapKey = (m: Extract<GoValue, { k: 'map' }>, key: string) =>
  (m.stringerKeys ? 's' : '') + formatString(key);

/** Pairs slice elements: equal runs align (LCS), leftovers pair up position by position. */
function editScript(xs: GoValue[], ys: GoValue[]): [GoValue | undefined, GoValue | undefined][] {
  const n = xs.length;
  const m = ys.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = goEqual(xs[i]!, ys[j]!)
        ? lcs[i + 1]![j + 1]! + 1
        : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: [GoValue | undefined, GoValue | undefined][] = [];
  let i = 0;
  let j = 0;
  const gapX: GoValue[] = [];
  const gapY: GoValue[] = [];
  const flush = () => {
    const pairs = Math.min(gapX.length, gapY.length);
    for (let k = 0; k < pairs; k++) out.push([gapX[k], gapY[k]]);
    for (let k = pairs; k < gapX.length; k++) out.push([gapX[k], undefined]);
    for (let k = pairs; k < gapY.length; k++) out.push([undefined, gapY[k]]);
    gapX.length = 0;
    gapY.length = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && goEqual(xs[i]!, ys[j]!) && lcs[i]![j] === lcs[i + 1]![j + 1]! + 1) {
      flush();
      out.push([xs[i], ys[j]]);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      gapY.push(ys[j++]!);
    } else {
      gapX.push(xs[i++]!);
    }
  }
  flush();
  return out;
}

// ----- text nodes -----

type Diff = '' | '-' | '+';
type TextNode = string | TextWrap | TextList;
interface TextWrap {
  t: 'wrap';
  prefix: string;
  value: TextNode;
  suffix: string;
}
interface TextRecord {
  diff: Diff;
  key: string;
  value: TextNode;
  elideComma?: boolean;
  comment?: string;
}
interface TextList {
  t: 'list';
  records: TextRecord[];
}

const ELLIPSIS = '...';
const NIL = 'nil';
const maxColumnLength = 80;
const wrap = (prefix: string, value: TextNode, suffix = ''): TextWrap => ({
  t: 'wrap',
  prefix,
  value,
  suffix,
});
const braces = (records: TextRecord[]): TextWrap => wrap('{', { t: 'list', records }, '}');

function appendEllipsis(records: TextRecord[], comment?: string): void {
  const last = records.at(-1);
  if (last && last.value === ELLIPSIS) {
    if (comment) last.comment = comment;
    return;
  }
  records.push({
    diff: '',
    key: '',
    value: ELLIPSIS,
    elideComma: true,
    ...(comment ? { comment } : {}),
  });
}

// ----- formatting values -----

type TypeMode = 'auto' | 'elide' | 'emit';
interface Opts {
  diff: Diff | 'identical' | 'unknown';
  typeMode: TypeMode;
  verbosity: number;
}

/** go-cmp's formatString: a Go-quoted string, or a raw backquoted one when that is shorter. */
function formatString(s: string): string {
  const q = goQuote(s);
  if (q.length === s.length + 2) return q;
  if (!/[`\n]/.test(s) && /^[\p{L}\p{M}\p{N}\p{P}\p{S} \t]*$/u.test(s)) return '`' + s + '`';
  return q;
}

function formatStringValue(prefix: string, s: string, opts: Opts): string {
  const maxLen = 32 << Math.min(opts.verbosity, 16);
  if (s.length > maxLen + ELLIPSIS.length)
    return prefix + formatString(s.slice(0, maxLen)) + ELLIPSIS;
  return prefix + formatString(s);
}

function formatType(type: string, kind: GoValue['k'], node: TextNode, opts: Opts): TextNode {
  if (opts.typeMode === 'elide') return node;
  if (opts.typeMode === 'auto') {
    if (kind !== 'struct' && kind !== 'slice' && kind !== 'map') return node;
    if (node === NIL) return node;
    if (opts.diff === 'identical') return node;
  }
  const wrapped =
    typeof node === 'object' && node.t === 'wrap' && node.prefix === '{'
      ? node
      : wrap('(', node, ')');
  return wrap(type, wrapped);
}

function formatValue(v: GoValue, opts: Opts): TextNode {
  switch (v.k) {
    case 'bool':
      return formatType(v.type, v.k, String(v.v), opts);
    case 'int':
      return formatType(v.type, v.k, String(v.v), opts);
    case 'string':
      return v.stringer
        ? formatStringValue('s', v.v, opts)
        : formatType(v.type, v.k, formatStringValue('', v.v, opts), opts);
    case 'ptr': {
      if (v.elem === null) return NIL;
      return wrap('&', formatValue(v.elem, opts));
    }
    case 'struct': {
      const maxLen = ((1 << opts.verbosity) >> 1) << 2;
      const child: Opts = { ...opts, verbosity: opts.verbosity - 1, typeMode: 'auto' };
      const records: TextRecord[] = [];
      for (const f of v.fields) {
        if (isZero(f.v)) continue;
        if (records.length === maxLen) {
          appendEllipsis(records);
          break;
        }
        records.push({ diff: '', key: f.name, value: formatValue(f.v, child) });
      }
      return formatType(v.type, v.k, braces(records), opts);
    }
    case 'slice': {
      if (v.elems === null) return formatType(v.type, v.k, NIL, opts);
      const maxLen = ((1 << opts.verbosity) >> 1) << 2;
      const child: Opts = { ...opts, verbosity: opts.verbosity - 1, typeMode: 'elide' };
      const records: TextRecord[] = [];
      for (const e of v.elems) {
        if (records.length === maxLen) {
          appendEllipsis(records);
          break;
        }
        records.push({ diff: '', key: '', value: formatValue(e, child) });
      }
      return formatType(v.type, v.k, braces(records), opts);
    }
    case 'map': {
      if (v.entries === null) return formatType(v.type, v.k, NIL, opts);
      const maxLen = ((1 << opts.verbosity) >> 1) << 2;
      const child: Opts = { ...opts, verbosity: opts.verbosity - 1, typeMode: 'elide' };
      const records: TextRecord[] = [];
      for (const e of v.entries) {
        if (records.length === maxLen) {
          appendEllipsis(records);
          break;
        }
        records.push({ diff: '', key: mapKey(v, e.key), value: formatValue(e.v, child) });
      }
      return formatType(v.type, v.k, braces(records), opts);
    }
  }
}

// ----- formatting differences -----

function statsText(name: string, identical: number): string {
  return `${identical} identical ${identical > 1 ? name + 's' : name}`.replace(
    /entrys$/,
    'entries',
  );
}

function formatDiff(node: Node, inOpts: Opts): TextNode {
  const opts: Opts =
    inOpts.diff === 'identical'
      ? { ...inOpts, verbosity: 1 }
      : inOpts.verbosity < 3
        ? { ...inOpts, verbosity: 3 }
        : inOpts;
  if (node.maxDepth === 0) {
    switch (opts.diff) {
      case 'identical':
      case 'unknown':
        if (node.numDiff === 0) {
          const outx = formatValue(node.x!, opts);
          const outy = formatValue(node.y!, opts);
          return textLength(outx) < textLength(outy) ? outx : outy;
        }
        return formatType(
          node.type,
          node.kind,
          {
            t: 'list',
            records: [
              { diff: '-', key: '', value: formatValue(node.x!, { ...opts, typeMode: 'elide' }) },
              { diff: '+', key: '', value: formatValue(node.y!, { ...opts, typeMode: 'elide' }) },
            ],
          },
          { ...opts, typeMode: 'emit' },
        );
      case '-':
        return formatValue(node.x!, opts);
      case '+':
        return formatValue(node.y!, opts);
    }
  }
  if (node.kind === 'ptr') return wrap('&', formatDiff(node.value!, opts));
  const list = formatDiffList(node, opts);
  return formatType(node.type, node.kind, list, opts);
}

function textLength(t: TextNode): number {
  return typeof t === 'string' ? t.length : compact(t, '')[0].length;
}

function formatDiffList(node: Node, inOpts: Opts): TextWrap {
  const kind = node.kind;
  const name = kind === 'struct' ? 'field' : kind === 'map' ? 'entry' : 'element';
  let opts: Opts = { ...inOpts, typeMode: kind === 'struct' ? 'auto' : 'elide' };
  const maxLen =
    opts.diff === 'identical' ? ((1 << opts.verbosity) >> 1) << 2 : (1 << opts.verbosity) << 1;
  opts = { ...opts, verbosity: opts.verbosity - 1 };
  const recs = node.records!;
  if (opts.diff === 'identical' || opts.diff === '-' || opts.diff === '+') {
    const records: TextRecord[] = [];
    let deferred = false;
    for (const r of recs) {
      if ((opts.diff === '-' && !r.node.x) || (opts.diff === '+' && !r.node.y)) continue;
      if (records.length === maxLen) {
        deferred = true;
        break;
      }
      if (kind === 'struct') {
        const side = opts.diff === '+' ? r.node.y : r.node.x;
        const zero =
          opts.diff === 'identical'
            ? isZero(r.node.x!) || isZero(r.node.y!)
            : !side || isZero(side);
        if (zero) continue;
      }
      records.push({ diff: '', key: r.key, value: formatDiff(r.node, opts) });
    }
    if (deferred) appendEllipsis(records);
    return braces(records);
  }

  // Group adjacent records into runs of equal and of differing ones.
  const groups: { equal: boolean; count: number }[] = [];
  for (const r of recs) {
    const equal = r.node.numDiff === 0;
    const last = groups.at(-1);
    if (last && last.equal === equal) last.count++;
    else groups.push({ equal, count: 1 });
  }
  const records: TextRecord[] = [];
  let numDiffs = 0;
  let skipped = 0;
  let offset = 0;
  groups.forEach((g, gi) => {
    const group = recs.slice(offset, offset + g.count);
    offset += g.count;
    if (maxLen >= 0 && numDiffs >= maxLen) {
      skipped += g.count;
      return;
    }
    if (g.equal) {
      let lo = 0;
      let hi = 0;
      while (lo < 2 && lo + hi < g.count && gi !== 0) lo++;
      while (hi < 2 && lo + hi < g.count && gi !== groups.length - 1) hi++;
      if (g.count - (lo + hi) === 1) hi++;
      const identical: Opts = { ...opts, diff: 'identical' };
      for (const r of group.slice(0, lo))
        records.push({ diff: '', key: r.key, value: formatDiff(r.node, identical) });
      if (g.count > lo + hi) appendEllipsis(records, statsText(name, g.count - (lo + hi)));
      for (const r of group.slice(g.count - hi))
        records.push({ diff: '', key: r.key, value: formatDiff(r.node, identical) });
      return;
    }
    for (const r of group) {
      if (r.node.numChildren === r.node.maxDepth) {
        if (r.node.x)
          records.push({
            diff: '-',
            key: r.key,
            value: formatDiff(r.node, { ...opts, diff: '-' }),
          });
        if (r.node.y)
          records.push({
            diff: '+',
            key: r.key,
            value: formatDiff(r.node, { ...opts, diff: '+' }),
          });
      } else {
        records.push({ diff: '', key: r.key, value: formatDiff(r.node, opts) });
      }
    }
    numDiffs += g.count;
  });
  if (skipped > 0) appendEllipsis(records, statsText(name, skipped));
  return braces(records);
}

// ----- text rendering -----

/** Compacts bottom-up: a node becomes one line unless it holds diffs, comments or long -/+ lines. */
function compact(node: TextNode, d: Diff): [string, TextNode] {
  if (typeof node === 'string') return [node, node];
  if (node.t === 'wrap') {
    const [inner, value] = compact(node.value, d);
    const text = node.prefix + inner + node.suffix;
    return [text, typeof value === 'string' ? text : { ...node, value }];
  }
  let multiLine = false;
  let text = '';
  const records = node.records.map((r, i) => {
    if (r.diff) multiLine = true;
    const [inner, value] = compact(r.value, (d || r.diff) as Diff);
    if (typeof value !== 'string') multiLine = true;
    if (r.comment) multiLine = true;
    text += (r.key ? `${r.key}: ` : '') + inner + (i < node.records.length - 1 ? ', ' : '');
    return { ...r, value };
  });
  if ((d === '-' || d === '+') && text.length > maxColumnLength) multiLine = true;
  return multiLine ? [text, { t: 'list', records }] : [text, text];
}

const indent = (d: Diff, n: number) =>
  (d === '-' ? '- ' : d === '+' ? '+ ' : '  ') + '\t'.repeat(n);

function alignKeys(records: TextRecord[]): number[] {
  const pads = new Array<number>(records.length).fill(0);
  let start = 0;
  let max = 0;
  const flush = (end: number) => {
    for (let i = start; i < end; i++) pads[i] = max - [...records[i]!.key].length;
  };
  records.forEach((r, i) => {
    if (r.key === '' || typeof r.value !== 'string') {
      flush(i);
      start = i + 1;
      max = 0;
    } else {
      max = Math.max(max, [...r.key].length);
    }
  });
  flush(records.length);
  return pads;
}

function expand(node: TextNode, d: Diff, n: number): string {
  if (typeof node === 'string') return node;
  if (node.t === 'wrap') return node.prefix + expand(node.value, d, n) + node.suffix;
  const records = node.records;
  const simple = records.every(
    (r) => r.diff === '' && r.key === '' && typeof r.value === 'string' && !r.comment,
  );
  if (simple) {
    let out = '';
    let batch = '';
    const emit = () => {
      if (batch) out += '\n' + indent(d, n + 1) + batch.trimEnd();
      batch = '';
    };
    for (const r of records) {
      const line = r.value as string;
      if (batch.length + line.length + 2 > maxColumnLength) emit();
      batch += line + ', ';
    }
    emit();
    return out + '\n' + indent(d, n);
  }
  const pads = alignKeys(records);
  let out = '';
  records.forEach((r, i) => {
    const rd = (d || r.diff) as Diff;
    out += '\n' + indent(rd, n + 1);
    if (r.key) out += `${r.key}: `;
    out += ' '.repeat(pads[i]!);
    out += expand(r.value, rd, n + 1);
    if (!r.elideComma) out += ',';
    if (r.comment) out += ` // ${r.comment}`;
  });
  return out + '\n' + indent(d, n);
}

/** cmp.Diff(x, y): '' when equal, else the report, ending in a newline. */
export function goCmpDiff(x: GoValue, y: GoValue): string {
  const root = compare(x, y);
  if (root.numDiff === 0) return '';
  const text = formatDiff(root, { diff: 'unknown', typeMode: 'auto', verbosity: 0 });
  const [, compacted] = compact(text, '');
  return indent('', 0) + expand(compacted, '', 0) + '\n';
}
