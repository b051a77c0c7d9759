import type { Clock } from '../src/kube/clock.ts';

/** The wall clock. The playground's own clock (pause, x10, x100) replaces it in the app shell. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};
