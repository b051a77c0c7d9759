/**
 * The manifest parsed ahead of Apply, in idle moments after it changes, so that a click goes
 * straight to the API server: on the page's main thread, parsing even a one-pod manifest took
 * about a millisecond, a tenth of the time from Apply to the pod's first line in the terminal,
 * and a thousand pods' manifest a third of a second, a sixth of their burst.
 *
 * A long manifest is parsed a document at a time, at most SLICE_MS in each idle moment, so that
 * no moment becomes a long task; Apply takes the documents parsed so far and parses the rest
 * itself, between yields.
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

export class ParsedAhead {
  #parsing: Parsing | undefined;
  #waiting = false;
  /** Taken by an Apply, and not changed since: nothing to parse until `changed` says so. */
  #taken = false;

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
    this.#taken = false;
    if (this.#waiting) return;
    this.#waiting = true;
    void this.idle().then(() => {
      this.#waiting = false;
      this.#slice(read);
    });
  }

  #slice(read: () => string): void {
    if (this.#taken) return;
    const text = read();
    let parsing = this.#parsing;
    if (parsing?.text !== text) {
      parsing = { text, docs: [], rest: manifestDocs(text)[Symbol.iterator]() };
      this.#parsing = parsing;
    }
    const rest = parsing.rest;
    if (!rest) return;
    const until = this.now() + SLICE_MS;
    for (;;) {
      const next = rest.next();
      if (next.done) {
        parsing.rest = undefined;
        return;
      }
      parsing.docs.push(next.value);
      if (this.now() >= until) return this.changed(read);
    }
  }

  /**
   * The documents of `text` if their parsing began ahead (those not parsed yet are parsed as
   * they are read), and only once: an apply may change the objects it is given, so the next
   * one parses again (`changed` after it, to parse ahead). Parsing ahead stops until then.
   */
  take(text: string): Iterable<ManifestDoc> | undefined {
    // Whatever it gets, the Apply parses what is left itself: parsing ahead waits for `changed`.
    this.#taken = true;
    const parsing = this.#parsing;
    if (parsing?.text !== text) return undefined;
    this.#parsing = undefined;
    const { docs, rest } = parsing;
    if (docs.length === 0) return undefined;
    if (!rest) return docs;
    return (function* () {
      yield* docs;
      for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
    })();
  }
}
