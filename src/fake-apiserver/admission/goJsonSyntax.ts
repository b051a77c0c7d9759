/**
 * Go's encoding/json syntax errors, for the one place validation parses JSON itself: the Docker
 * config inside `kubernetes.io/dockercfg` and `kubernetes.io/dockerconfigjson` Secrets
 * ("invalid character 'x' looking for beginning of value", "unexpected end of JSON input").
 */

/** Go's quoteChar: `'x'`, with `'\''` and `'"'` special-cased. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const json = JSON.stringify(c);
  return `'${json.slice(1, -1)}'`;
}

class SyntaxErr extends Error {}

/** Returns Go's error text for `json.Unmarshal(text, &map[string]interface{}{})`, or undefined if it succeeds. */
export function goJsonObjectError(text: string): string | undefined {
  let i = 0;
  const err = (context: string) => {
    if (i >= text.length) return new SyntaxErr('unexpected end of JSON input');
    return new SyntaxErr(`invalid character ${quoteChar(text[i]!)} ${context}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) throw err(`in literal ${word} (expecting ${quoteChar(ch)})`);
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        i++;
        if (i >= text.length) throw err('');
        if (text[i] === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              throw err('in \\u hexadecimal character escape');
            }
          }
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i]!)) {
          throw err('in string escape code');
        }
      } else if (text.charCodeAt(i) < 0x20) {
        throw err('in string literal');
      }
      i++;
    }
    if (i >= text.length) throw err('');
    i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (/[1-9]/.test(text[i] ?? '')) while (/[0-9]/.test(text[i] ?? '')) i++;
    else throw err('in numeric literal');
    if (text[i] === '.') {
      i++;
      if (!/[0-9]/.test(text[i] ?? '')) throw err('after decimal point in numeric literal');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!/[0-9]/.test(text[i] ?? '')) throw err('in exponent of numeric literal');
      while (/[0-9]/.test(text[i] ?? '')) i++;
    }
  };
  const value = (): string => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return 'object';
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw err('looking for beginning of object key string');
        string();
        ws();
        if (text[i] !== ':') throw err('after object key');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return 'object';
        }
        throw err('after object key:value pair');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return 'array';
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return 'array';
        }
        throw err('after array element');
      }
    }
    if (c === '"') {
      string();
      return 'string';
    }
    if (c === 't') return (literal('true'), 'bool');
    if (c === 'f') return (literal('false'), 'bool');
    if (c === 'n') return (literal('null'), 'null');
    if (c === '-' || /[0-9]/.test(c ?? '')) return (number(), 'number');
    throw err('looking for beginning of value');
  };
  try {
    const kind = value();
    ws();
    if (i < text.length) throw err('after top-level value');
    if (kind !== 'object' && kind !== 'null')
      return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
    return undefined;
  } catch (e) {
    if (e instanceof SyntaxErr) return e.message;
    throw e;
  }
}
