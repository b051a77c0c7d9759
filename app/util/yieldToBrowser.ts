/**
 * Lets the browser paint and handle input: resolves on a new task (a MessageChannel message, which
 * unlike setTimeout is not clamped to 4 ms). Long loops on the main thread await it every so often.
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();

export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

/** A `between` hook for long loops: yields once every `every` steps. */
export const yieldEvery =
  (every: number) =>
  (i: number): Promise<void> | void =>
    i % every === 0 ? yieldToBrowser() : undefined;
