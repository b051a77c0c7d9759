/**
 * How kubectl explain reads its argument (k8s.io/kubectl pkg/explain, v1.33): as the jsonpath
 * `{.ARG}`, parsed by client-go's jsonpath parser (util/jsonpath/parser.go), whose nodes must all
 * be fields. Ported here reduced to what explain looks at: which nodes are fields, and the parser's
 * error texts.
 */

/** A jsonpath syntax error, in client-go's words. */
export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

/** Fields are what explain wants; the rest (arrays, filters, identifiers...) it refuses. */
export type JsonPathNode =
  { kind: 'Field'; value: string } | { kind: 'Recursive' } | { kind: 'Other' };

/** kubectl's jsonPathParse: the nodes of `{.ARG}`, after dropping one trailing dot of ARG. */
export function jsonPathParse(arg: string): JsonPathNode[] {
  const root = parseJsonPath(`{.${arg.endsWith('.') ? arg.slice(0, -1) : arg}}`);
  if (root.length !== 1) throw new JsonPathError('must pass in 1 jsonpath string');
  return root[0] === 'text' ? [] : root[0]!;
}

const EOF = '';
const isDigit = (r: string) => /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string) => r === '_' || /^[\p{L}\p{Nd}]$/u.test(r);
const isTerminator = (r: string) => r === EOF || ' \t\r\n.,[]$@{}'.includes(r);
/** Go's %#U. */
function goRune(r: string): string {
  const hex = `U+${r.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(r) ? `${hex} '${r}'` : hex;
}

/** The parser's top level: actions (`{...}`, as node lists) and the text between them. */
function parseJsonPath(text: string): (JsonPathNode[] | 'text')[] {
  const input = [...text]; // by code point, as Go reads runes
  const root: (JsonPathNode[] | 'text')[] = [];
  let pos = 0;
  let start = 0;
  let width = 0;
  const fail = (message: string): never => {
    throw new JsonPathError(message);
  };
  const consume = () => input.slice(start, (start = pos)).join('');
  const next = () => {
    width = pos < input.length ? 1 : 0;
    return pos < input.length ? input[pos++]! : EOF;
  };
  const peek = () => {
    const r = next();
    pos -= width;
    return r;
  };
  const at = (prefix: string) => input.slice(pos, pos + prefix.length).join('') === prefix;
  /** A nested expression (`[a,b]` parts, `['key']`, filters) in its own parser. */
  const action = (inner: string) => {
    const nodes = parseJsonPath(`{${inner}}`)[0];
    return nodes === 'text' || !nodes ? [] : nodes;
  };

  function parseText(): void {
    for (;;) {
      if (at('{')) {
        if (pos > start) root.push('text');
        pos += 1;
        consume();
        const list: JsonPathNode[] = [];
        root.push(list);
        return insideAction(list);
      }
      if (next() === EOF) break;
    }
    if (pos > start) root.push('text');
  }

  function insideAction(cur: JsonPathNode[]): void {
    if (at('}')) {
      pos += 1;
      consume();
      return parseText();
    }
    if (at('[?(')) return filter(cur);
    if (at('..')) return recursive(cur);
    const r = next();
    if (r === EOF || r === '\r' || r === '\n') fail('unclosed action');
    else if (r === ' ' || r === '@' || r === '$') consume();
    else if (r === '[') return array(cur);
    else if (r === '"' || r === "'") return quote(cur, r);
    else if (r === '.') return field(cur);
    else if (r === '+' || r === '-' || isDigit(r)) {
      pos -= width;
      return numberNode(cur);
    } else if (isAlphaNumeric(r)) {
      pos -= width;
      while (!isTerminator(next()));
      pos -= width;
      consume();
      cur.push({ kind: 'Other' }); // an identifier or a boolean
    } else fail(`unrecognized character in action: ${goRune(r)}`);
    return insideAction(cur);
  }

  function recursive(cur: JsonPathNode[]): void {
    if (cur.at(-1)?.kind === 'Recursive') fail('invalid multiple recursive descent');
    pos += 2;
    consume();
    cur.push({ kind: 'Recursive' });
    return isAlphaNumeric(peek()) ? field(cur) : insideAction(cur);
  }

  function numberNode(cur: JsonPathNode[]): void {
    if (peek() === '+' || peek() === '-') next();
    for (let r = next(); r === '.' || isDigit(r); r = next());
    pos -= width;
    const value = consume();
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) fail(`cannot parse number ${value}`);
    cur.push({ kind: 'Other' });
    return insideAction(cur);
  }

  function array(cur: JsonPathNode[]): void {
    for (let r = next(); r !== ']'; r = next())
      if (r === EOF || r === '\n') fail('unterminated array');
    let text = consume().slice(1, -1);
    if (text === '*') text = ':';
    const union = text.split(',');
    const dictKey = /^'([^']*)'$/.exec(text);
    if (union.length > 1) {
      for (const part of union) action(`[${part.replace(/^ +| +$/g, '')}]`);
      cur.push({ kind: 'Other' });
    } else if (dictKey) {
      cur.push(...action(`.${dictKey[1]}`));
    } else {
      const slice = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/.exec(text);
      if (!slice) fail(`invalid array index ${text}`);
      slice!.slice(1).forEach((v = '', i) => {
        if (i > 0) v = v.slice(1);
        if ((i > 0 && v === '') || (i === 0 && slice![1] === '')) return;
        if (!/^-?\d+$/.test(v)) fail(`array index ${v} is not a number`);
      });
      cur.push({ kind: 'Other' });
    }
    return insideAction(cur);
  }

  function filter(cur: JsonPathNode[]): void {
    pos += 3;
    consume();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = next();
      if (r === EOF || r === '\n') fail('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (input[pos - 2] !== '\\' && r === pair) end = true;
      }
      if (r === ')' && begin === end) break;
    }
    if (next() !== ']') fail('unclosed array expect ]');
    const text = consume().slice(0, -2);
    const comparison = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (comparison) {
      action(comparison[1]!);
      action(comparison[3]!);
    } else action(text);
    cur.push({ kind: 'Other' });
    return insideAction(cur);
  }

  function quote(cur: JsonPathNode[], end: string): void {
    for (;;) {
      const r = next();
      if (r === EOF || r === '\n') fail('unterminated quoted string');
      if (r === end && input[pos - 2] !== '\\') break;
    }
    consume();
    cur.push({ kind: 'Other' }); // text
    return insideAction(cur);
  }

  function field(cur: JsonPathNode[]): void {
    consume();
    for (;;) {
      const r = next();
      if (r === '\\') next();
      else if (isTerminator(r)) break;
    }
    pos -= width;
    const value = consume();
    cur.push(
      value === '*' ? { kind: 'Other' } : { kind: 'Field', value: value.replaceAll('\\', '') },
    );
    return insideAction(cur);
  }

  parseText();
  return root;
}
