/**
 * `1,000 pods by phase: 990 Succeeded, 10 Running`: what a windowed pods table holds, at a
 * glance, the largest count first (equal counts in the order of their names). Phases, not the
 * STATUS column (which would print every pod, not only the rows in view): a pod in
 * CrashLoopBackOff under restartPolicy Always is in phase Running, so the line says "phase".
 *
 * The list is a new array at every frame of a burst, most of it the same objects (a changed
 * object is a new one). So the tally is kept between lists: where the list's length is the same,
 * only the objects that are not the same as before are counted again.
 */
type Phased = { status?: { phase?: string } };

const phaseOf = (o: unknown) => (o as Phased).status?.phase ?? 'Pending';
// One formatter: `toLocaleString('en-US')` sets one up at every call, a third of the line's cost.
const thousands = new Intl.NumberFormat('en-US');

export class PhaseTally {
  #last: readonly unknown[] = [];
  readonly #counts = new Map<string, number>();

  /** The summary line of `objects`. */
  summary(objects: readonly unknown[]): string {
    this.#count(objects);
    const parts = [...this.#counts]
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([phase, n]) => `${n} ${phase}`);
    return `${thousands.format(objects.length)} pods by phase: ${parts.join(', ')}`;
  }

  #count(objects: readonly unknown[]): void {
    const last = this.#last;
    this.#last = objects;
    if (last.length !== objects.length) {
      this.#counts.clear();
      for (const o of objects) this.#add(phaseOf(o), 1);
      return;
    }
    for (let i = 0; i < objects.length; i++) {
      if (objects[i] === last[i]) continue;
      this.#add(phaseOf(last[i]), -1);
      this.#add(phaseOf(objects[i]), 1);
    }
  }

  #add(phase: string, n: number): void {
    this.#counts.set(phase, (this.#counts.get(phase) ?? 0) + n);
  }
}
