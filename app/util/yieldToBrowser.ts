/**
 * Lets the browser paint and handle input: resolves on a new task (a MessageChannel message, which
 * unlike setTimeout is not clamped to 4 ms). Long loops on the main thread await it every so often.
 */
import { nextTask } from '../../src/runtime-wasi/browser.ts';

export { nextTask };

export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => nextTask(resolve));
}

/**
 * A `between` hook that yields once the current task has run for `sliceMs`: long loops stay
 * under the 50 ms a long task is, whatever each step costs.
 */
export function yieldWhenBusy(sliceMs = 12): () => Promise<void> | void {
  let since = performance.now();
  return () => {
    if (performance.now() - since < sliceMs) return undefined;
    return yieldToBrowser().then(() => {
      since = performance.now();
    });
  };
}

/**
 * Resolves when the browser has an idle moment (requestIdleCallback), or after `timeoutMs`
 * however busy it stays; in a new task where there is no requestIdleCallback. Background work
 * (saving the cluster) waits for it, so it does not land between a click and what it shows.
 */
export function whenIdle(timeoutMs: number): Promise<void> {
  if (typeof requestIdleCallback !== 'function') return yieldToBrowser();
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: timeoutMs }));
}
