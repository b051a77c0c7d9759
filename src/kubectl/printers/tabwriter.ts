/**
 * Go's text/tabwriter, as kubectl aligns its columns, with the RememberWidths extension of
 * github.com/liggitt/tabwriter (the fork `kubectl get` uses so that `-w` columns never shrink).
 *
 * Text is cut into cells at '\t' (and '\v'); a cell is padded to the width of its column, where a
 * column is a run of consecutive lines that have a tab-terminated cell at that index. The last cell
 * of a line is not part of any column and is never padded. A line holding a single cell ends the
 * block: the writer flushes, so the lines after it align on their own. Widths count Unicode code
 * points, as Go counts runes.
 */

export interface TabWriterOptions {
  /** Minimal cell width, padding included. */
  minWidth: number;
  /** Width of a tab character when padding with tabs. */
  tabWidth: number;
  /** Added to a cell's width to get the column width. */
  padding: number;
  /** The padding character; '\t' pads with tabs, assuming tabs of `tabWidth`. */
  padChar: string;
  /** liggitt/tabwriter RememberWidths: a column never gets narrower than it has been. */
  rememberWidths?: boolean;
}

interface Cell {
  /** Length of the cell's text in `buf`, in UTF-16 code units. */
  size: number;
  /** Width of the cell's text in code points. */
  width: number;
  /** Whether a '\t' ended the cell. */
  htab: boolean;
}

const codePoints = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

export class TabWriter {
  private readonly opts: TabWriterOptions;
  private out: string[] = [];
  private buf = '';
  private pos = 0;
  private cell: Cell = { size: 0, width: 0, htab: false };
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private maxWidths: number[] = [];

  constructor(opts: TabWriterOptions) {
    if (opts.minWidth < 0 || opts.tabWidth < 0 || opts.padding < 0) {
      throw new RangeError('tabwriter: negative minWidth, tabWidth, or padding');
    }
    if ([...opts.padChar].length !== 1)
      throw new RangeError(`tabwriter: padChar must be one character, got "${opts.padChar}"`);
    this.opts = opts;
  }

  /** Adds text; complete blocks are formatted into the output as soon as they end. */
  write(text: string): void {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.append(text.slice(n, i));
      n = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        if (ch === '\f' || ncells === 1) this.flush();
      }
    }
    this.append(text.slice(n));
  }

  /** Formats everything buffered, including an unterminated last line. */
  flush(): void {
    if (this.cell.size > 0) this.terminateCell(false);
    this.format(0, 0, this.lines.length);
    this.reset();
  }

  /** Returns the text formatted so far and forgets it. */
  take(): string {
    const text = this.out.join('');
    this.out = [];
    return text;
  }

  /** The remembered column widths (RememberWidths). */
  rememberedWidths(): number[] {
    return [...this.maxWidths];
  }

  /** Replaces the remembered column widths; `[]` forgets them (kubectl does so per resource type). */
  setRememberedWidths(widths: readonly number[]): void {
    this.maxWidths = [...widths];
  }

  private reset(): void {
    this.buf = '';
    this.pos = 0;
    this.cell = { size: 0, width: 0, htab: false };
    this.lines = [[]];
    this.widths = [];
  }

  private append(text: string): void {
    this.buf += text;
    this.cell.size += text.length;
    this.cell.width += codePoints(this.buf.slice(this.pos));
    this.pos = this.buf.length;
  }

  private terminateCell(htab: boolean): number {
    this.cell.htab = htab;
    const line = this.lines[this.lines.length - 1]!;
    line.push(this.cell);
    this.cell = { size: 0, width: 0, htab: false };
    return line.length;
  }

  private writePadding(textWidth: number, cellWidth: number): void {
    if (this.opts.padChar === '\t') {
      if (this.opts.tabWidth === 0) return; // tabs have no width: no padding possible
      const tw = this.opts.tabWidth;
      const rounded = Math.floor((cellWidth + tw - 1) / tw) * tw;
      this.out.push('\t'.repeat(Math.floor((rounded - textWidth + tw - 1) / tw)));
      return;
    }
    this.out.push(this.opts.padChar.repeat(cellWidth - textWidth));
  }

  private writeLines(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      line.forEach((c, j) => {
        if (c.size > 0) {
          this.out.push(this.buf.slice(pos, pos + c.size));
          pos += c.size;
        }
        if (j < this.widths.length) this.writePadding(c.width, this.widths[j]!);
      });
      if (i + 1 === this.lines.length) {
        // The last buffered line: only its incomplete cell is left (empty after a flush).
        this.out.push(this.buf.slice(pos, pos + this.cell.size));
        pos += this.cell.size;
      } else {
        this.out.push('\n');
      }
    }
    return pos;
  }

  /** Go's recursive column-block formatter; `cur` advances inside the inner loop as in Go. */
  private format(pos0: number, line0: number, line1: number): number {
    let pos = pos0;
    const column = this.widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= this.lines[cur]!.length - 1) continue;
      // This line has a cell in this column: it starts a column block.
      pos = this.writeLines(pos, line0, cur);
      line0 = cur;
      let width = this.opts.minWidth;
      for (; cur < line1; cur++) {
        const line = this.lines[cur]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.opts.padding);
      }
      if (this.opts.rememberWidths) {
        if (this.maxWidths.length < this.widths.length) {
          this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
        }
        const remembered = this.maxWidths[this.widths.length];
        if (remembered === undefined) this.maxWidths.push(width);
        else if (remembered > width) width = remembered;
        else this.maxWidths[this.widths.length] = width;
      }
      this.widths.push(width);
      pos = this.format(pos, line0, cur);
      this.widths.pop();
      line0 = cur;
    }
    return this.writeLines(pos, line0, line1);
  }
}
