/**
 * The writing half of go-yaml v2's emitter (emitterc.go): indentation, indicators, and the plain,
 * single-quoted, double-quoted and literal scalar writers with their folding at column 80.
 */
import { dec, isBom, isBreak, isPrintable, isSpace, width } from './goYamlScalars.ts';

// ---- the emitter --------------------------------------------------------------------------------
/** libyaml's one-letter escapes in double-quoted scalars. */
const shortEscapes = new Map<number, string>([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
]);

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

export class Emitter {
  private out: string[] = [];
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;
  private readonly indents: number[] = [];

  text(): string {
    return this.out.join('');
  }

  private put(s: string): void {
    this.out.push(s);
    this.column++;
  }
  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }
  /** Copies one UTF-8 character from v at i; returns the next index. */
  private write(v: Uint8Array, i: number): number {
    const w = width(v[i]!) || 1;
    this.out.push(dec.decode(v.subarray(i, i + w)));
    this.column++;
    return i + w;
  }
  private writeBreak(v: Uint8Array, i: number): number {
    if (v[i] === 0x0a) {
      this.putBreak();
      return i + 1;
    }
    const next = this.write(v, i);
    this.column = 0;
    return next;
  }

  increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    for (const ch of indicator) this.put(ch);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  writePlain(v: Uint8Array, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length;) {
      if (isSpace(v, i)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(v, i + 1)) {
          this.writeIndent();
          i += 1;
        } else {
          i = this.write(v, i);
        }
        spaces = true;
      } else if (isBreak(v, i)) {
        if (!breaks && v[i] === 0x0a) this.putBreak();
        i = this.writeBreak(v, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.write(v, i);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  writeSingleQuoted(v: Uint8Array, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length;) {
      if (isSpace(v, i)) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < v.length - 1 &&
          !isSpace(v, i + 1)
        ) {
          this.writeIndent();
          i += 1;
        } else {
          i = this.write(v, i);
        }
        spaces = true;
      } else if (isBreak(v, i)) {
        if (!breaks && v[i] === 0x0a) this.putBreak();
        i = this.writeBreak(v, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (v[i] === 0x27) this.put("'");
        i = this.write(v, i);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeDoubleQuoted(v: Uint8Array, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < v.length;) {
      if (!isPrintable(v, i) || isBom(v) || isBreak(v, i) || v[i] === 0x22 || v[i] === 0x5c) {
        const w = width(v[i]!) || 1;
        const cp = dec.decode(v.subarray(i, i + w)).codePointAt(0)!;
        i += w;
        this.put('\\');
        const escape = shortEscapes.get(cp);
        if (escape !== undefined) {
          this.put(escape);
        } else {
          const [letter, digits] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(letter);
          for (const ch of cp.toString(16).toUpperCase().padStart(digits, '0')) this.put(ch);
        }
        spaces = false;
      } else if (isSpace(v, i)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (isSpace(v, i + 1)) this.put('\\');
          i += 1;
        } else {
          i = this.write(v, i);
        }
        spaces = true;
      } else {
        i = this.write(v, i);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  writeLiteral(v: Uint8Array): void {
    this.writeIndicator('|', true, false, false);
    // Block scalar hints: an indentation indicator when the text starts with a space or a break,
    // and a chomping indicator for the trailing line breaks.
    if (isSpace(v, 0) || isBreak(v, 0))
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (v.length === 0) {
      chomp = '-';
    } else {
      let i = v.length - 1;
      while ((v[i]! & 0xc0) === 0x80) i--;
      if (!isBreak(v, i)) {
        chomp = '-';
      } else if (i === 0) {
        chomp = '+';
      } else {
        i--;
        while ((v[i]! & 0xc0) === 0x80) i--;
        if (isBreak(v, i)) chomp = '+';
      }
    }
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < v.length;) {
      if (isBreak(v, i)) {
        i = this.writeBreak(v, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.write(v, i);
        this.indention = false;
        breaks = false;
      }
    }
  }
}
