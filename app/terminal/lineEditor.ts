/**
 * A shell's line editing on a terminal: a prompt, the typed line with a cursor, history, and the
 * usual keys (arrows, Home/End, Backspace/Delete, Ctrl-A/E/U/K/W/L/C). Output that arrives while
 * the user types is printed above the prompt, which is then redrawn with the line as it was.
 */

export type EditorEvent =
  { type: 'submit'; line: string } | { type: 'interrupt' } | { type: 'clear' };

const PROMPT = '\x1b[1m$\x1b[0m ';
const PROMPT_WIDTH = 2;

export class LineEditor {
  line = '';
  cursor = 0;
  readonly history: string[] = [];
  #historyIndex = -1;
  #draft = '';
  /** The prompt is shown and keys edit the line (false while a command runs). */
  active = false;
  /** The last output did not end with a newline. */
  #openLine = false;

  constructor(private readonly write: (text: string) => void) {}

  showPrompt(): void {
    this.active = true;
    this.line = '';
    this.cursor = 0;
    this.#historyIndex = -1;
    if (this.#openLine) this.write('\n');
    this.#openLine = false;
    this.write(PROMPT);
  }

  /** Prints output; with the prompt up, above it, then redraws the prompt and line. */
  interrupt(text: string): void {
    if (text === '') return;
    if (this.active) this.write('\r\x1b[2K');
    this.write(text);
    this.#openLine = !text.endsWith('\n');
    if (this.active) {
      if (this.#openLine) this.write('\n');
      this.#openLine = false;
      this.#redraw();
    }
  }

  /** Feeds typed or pasted data; returns what the shell must do. */
  feed(data: string): EditorEvent[] {
    const events: EditorEvent[] = [];
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      // eslint-disable-next-line no-control-regex -- terminal escape sequences are the input
      const seq = /^\x1b\[(?:[ABCDHF]|[1-6]~|1;5[CD])/.exec(rest)?.[0];
      if (seq) {
        i += seq.length;
        if (this.active) this.#key(seq);
        continue;
      }
      const ch = data[i]!;
      i++;
      if (ch === '\x03') {
        events.push({ type: 'interrupt' });
        if (this.active) {
          this.write('^C\n');
          this.showPrompt();
        }
        continue;
      }
      if (!this.active) continue;
      if (ch === '\r' || ch === '\n') {
        if (ch === '\n' && data[i - 2] === '\r') continue;
        const line = this.line;
        this.write('\n');
        this.active = false;
        if (line.trim() && this.history.at(-1) !== line) this.history.push(line);
        events.push({ type: 'submit', line });
        continue;
      }
      if (ch === '\x0c') {
        events.push({ type: 'clear' });
        continue;
      }
      this.#key(ch);
    }
    return events;
  }

  #key(k: string): void {
    const { line, cursor } = this;
    switch (k) {
      case '\x7f':
      case '\b':
        if (cursor > 0) this.#set(line.slice(0, cursor - 1) + line.slice(cursor), cursor - 1);
        return;
      case '\x1b[3~':
        if (cursor < line.length) this.#set(line.slice(0, cursor) + line.slice(cursor + 1), cursor);
        return;
      case '\x1b[D':
        return this.#set(line, Math.max(0, cursor - 1));
      case '\x1b[C':
        return this.#set(line, Math.min(line.length, cursor + 1));
      case '\x1b[H':
      case '\x1b[1~':
      case '\x01':
        return this.#set(line, 0);
      case '\x1b[F':
      case '\x1b[4~':
      case '\x05':
        return this.#set(line, line.length);
      case '\x15':
        return this.#set(line.slice(cursor), 0);
      case '\x0b':
        return this.#set(line.slice(0, cursor), cursor);
      case '\x17': {
        const before = line.slice(0, cursor).replace(/\S+\s*$/, '');
        return this.#set(before + line.slice(cursor), before.length);
      }
      case '\x1b[A':
        return this.#historyMove(-1);
      case '\x1b[B':
        return this.#historyMove(1);
    }
    if (k.length === 1 && k >= ' ' && k !== '\x7f') {
      this.#set(line.slice(0, cursor) + k + line.slice(cursor), cursor + 1);
    }
  }

  #historyMove(dir: -1 | 1): void {
    if (this.history.length === 0) return;
    if (this.#historyIndex === -1) {
      if (dir === 1) return;
      this.#draft = this.line;
      this.#historyIndex = this.history.length - 1;
    } else {
      this.#historyIndex += dir;
    }
    if (this.#historyIndex >= this.history.length) {
      this.#historyIndex = -1;
      return this.#set(this.#draft, this.#draft.length);
    }
    this.#historyIndex = Math.max(0, this.#historyIndex);
    const entry = this.history[this.#historyIndex]!;
    this.#set(entry, entry.length);
  }

  #set(line: string, cursor: number): void {
    this.line = line;
    this.cursor = cursor;
    this.#redraw();
  }

  #redraw(): void {
    const back = this.line.length - this.cursor;
    this.write(`\r\x1b[2K${PROMPT}${this.line}${back > 0 ? `\x1b[${back}D` : ''}`);
  }

  static readonly promptWidth = PROMPT_WIDTH;
}
