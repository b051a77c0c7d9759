/**
 * The manifest parsed ahead of Apply, in an idle moment after it changes, so that a click goes
 * straight to the API server: on the page's main thread, parsing even a one-pod manifest took
 * about a millisecond, a tenth of the time from Apply to the pod's first line in the terminal.
 * Larger manifests are left to Apply, which parses them a document at a time between yields.
 */
import { parseManifest, type ManifestDoc } from '../../src/kubectl/apply/index.ts';

/** Longer texts are not parsed ahead: one idle moment must not become a long task. */
export const PARSE_AHEAD_MAX_CHARS = 16_384;

export class ParsedAhead {
  #parsed: { text: string; docs: ManifestDoc[] } | undefined;
  #waiting = false;

  /** @param idle resolves in an idle moment (whenIdle) */
  constructor(private readonly idle: () => Promise<void>) {}

  /** The text changed: parses the newest one, `read()` at that moment, once the page is idle. */
  changed(read: () => string): void {
    if (this.#waiting) return;
    this.#waiting = true;
    void this.idle().then(() => {
      this.#waiting = false;
      const text = read();
      if (text.length > PARSE_AHEAD_MAX_CHARS || this.#parsed?.text === text) return;
      this.#parsed = { text, docs: parseManifest(text) };
    });
  }

  /**
   * The documents of `text` if they were parsed ahead, and only once: an apply may change the
   * objects it is given, so the next one parses again (`changed` after it, to parse ahead).
   */
  take(text: string): ManifestDoc[] | undefined {
    const parsed = this.#parsed;
    if (parsed?.text !== text) return undefined;
    this.#parsed = undefined;
    return parsed.docs;
  }
}
