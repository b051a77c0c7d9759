/**
 * Time is a port. Nothing framework-free reads the wall clock: it is given a Clock.
 * Times are milliseconds since the Unix epoch, on the playground's clock.
 */
export type Unsubscribe = () => void;

export interface Clock {
  now(): number;
  /** Runs `fn` once `ms` of this clock's time have passed. Returns a cancel function. */
  setTimeout(fn: () => void, ms: number): Unsubscribe;
}
