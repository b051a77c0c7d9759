/**
 * The manifest parsed ahead of Apply, in idle moments after it changes, so that a click goes
 * straight to the API server: on the page's main thread, parsing even a one-pod manifest took
 * about a millisecond, a tenth of the time from Apply to the pod's first line in the terminal,
 * and a thousand pods' manifest a third of a second, a sixth of their burst.
 *
 * The manifest is parsed a document at a time, at most SLICE_MS in each idle moment, so that
 * no moment becomes a long task; Apply takes the documents parsed so far and parses the rest as
 * it reads them, between yields. Each document is parsed once per text: applying does not change
 * them (applyManifest), so applying the same text again reads the same documents, and nothing is
 * parsed again while the first Apply's pods start.
 */
import { manifestDocs, type ManifestDoc } from '../../src/kubectl/apply/index.ts';

/** Parsing in one idle moment stops after this much wall time. */
export const SLICE_MS = 8;

interface Parsing {
  text: string;
  docs: ManifestDoc[];
  /** The documents not parsed yet; undefined once all are. */
  rest: Iterator<ManifestDoc> | undefined;
}

/** Parses the next document of `p` into its list; false once there are no more. */
function parseNext(p: Parsing): boolean {
  const next = p.rest?.next();
  if (!next || next.done) {
    p.rest = undefined;
    return false;
  }
  p.docs.push(next.value);
  return true;
}

export class ParsedAhead {
  #parsing: Parsing | undefined;
  #waiting = false;

  /**
   * @param idle resolves in an idle moment (whenIdle)
   * @param now wall time in ms (performance.now)
   */
  constructor(
    private readonly idle: () => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The text changed: parses the newest one, `read()` at that moment, once the page is idle. */
  changed(read: () => string): void {
    if (this.#waiting) return;
    this.#waiting = true;
    void this.idle().then(() => {
      this.#waiting = false;
      this.#slice(read);
    });
  }

  #slice(read: () => string): void {
    const parsing = this.#parsingOf(read());
    const until = this.now() + SLICE_MS;
    while (parseNext(parsing)) {
      if (this.now() >= until) return this.changed(read);
    }
  }

  #parsingOf(text: string): Parsing {
    if (this.#parsing?.text !== text) {
      this.#parsing = { text, docs: [], rest: manifestDocs(text)[Symbol.iterator]() };
    }
    return this.#parsing;
  }

  /**
   * The documents of `text`, for an Apply: those parsed ahead, then the rest parsed as they are
   * read (and kept, for the next Apply of the same text).
   */
  docsFor(text: string): Iterable<ManifestDoc> {
    const parsing = this.#parsingOf(text);
    return (function* () {
      for (let i = 0; i < parsing.docs.length || parseNext(parsing); i++) yield parsing.docs[i]!;
    })();
  }
}
