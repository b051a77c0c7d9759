/**
 * How many linear memories the engine lets this process hold, learned when it refuses one.
 *
 * A WebAssembly memory reserves address space far beyond its size: V8 reserves 8 GiB or more for
 * each 32-bit memory, so that bounds checks are left to guard pages, and all memories of a
 * process share one budget (the V8 sandbox's 1 TiB in Chromium). Every worker of a page lives in
 * the page's process, so a tab holds about 125 memories at once, whatever their size. Past that,
 * each refused memory costs the whole process: the engine collects garbage in the isolate that
 * asked, several times, flushing compiled WebAssembly code in every isolate, and the collection
 * of that code then waits for every worker thread, the page's main thread among them.
 *
 * So a refusal (after the worker's own retries, which outwait memories of ended containers not
 * collected yet) sets a ceiling: while as many containers hold a memory, a start fails at once,
 * without asking the engine. The ceiling is forgotten when fewer than half as many hold one, and
 * learned again if the engine refuses again. A refusal while fewer than MIN_CEILING are held sets
 * none: no engine's limit is that low, so it was garbage not collected in time (a burst of short
 * containers), and failing every start past it would turn one failed start into many.
 */
export const MIN_CEILING = 32;

export class MemoryCeiling {
  #limit: number | undefined;

  /** The number of memories held when the engine refused one; undefined until it does. */
  get limit(): number | undefined {
    return this.#limit;
  }

  /** The engine refused a memory while `held` others were held. */
  refused(held: number): void {
    if (held >= MIN_CEILING) this.#limit = held;
  }

  /** May a start ask the engine for a memory while `held` are held? */
  admits(held: number): boolean {
    if (this.#limit === undefined) return true;
    if (held * 2 < this.#limit) this.#limit = undefined;
    return this.#limit === undefined || held < this.#limit;
  }
}
