/**
 * How Go's fmt prints the values describe passes through %v and %q, for the few shapes it meets:
 * strings, numbers, booleans, string slices ("[a b]"), string maps ("map[a:b]") and the generated
 * String() of object references ("&LocalObjectReference{Name:x,}", or "nil").
 */
import { compareGoStrings } from './format.ts';

export type GoValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly string[]
  | { readonly [key: string]: string };

/** fmt's %v. Absent numbers and booleans print as their zero values, strings as "". */
export function goV(value: GoValue, zero: 'string' | 'number' | 'bool' = 'string'): string {
  if (value === null || value === undefined)
    return zero === 'number' ? '0' : zero === 'bool' ? 'false' : '';
  if (Array.isArray(value)) return `[${value.join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .sort(compareGoStrings)
      .map((k) => `${k}:${(value as Record<string, string>)[k]}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(value);
}

/** The gogo-generated String() of a *LocalObjectReference / *SecretReference; "nil" when unset. */
export function goRef(
  type: 'LocalObjectReference' | 'SecretReference',
  ref: { name?: string; namespace?: string } | null | undefined,
): string {
  if (!ref) return 'nil';
  if (type === 'LocalObjectReference') return `&LocalObjectReference{Name:${ref.name ?? ''},}`;
  return `&SecretReference{Name:${ref.name ?? ''},Namespace:${ref.namespace ?? ''},}`;
}

/** strconv.Quote for the printable strings describe meets (paths). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** url.PathEscape-style escaping Go's url.URL.String() applies to a path. */
export function goEscapePath(path: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(path)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(ch)
      ? ch
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** net.JoinHostPort. */
export const joinHostPort = (host: string, port: string): string =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
