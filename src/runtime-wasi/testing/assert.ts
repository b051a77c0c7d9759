/**
 * Assertions the contract scenarios use. They run in vitest and in a Chromium page alike, so
 * they cannot use vitest's `expect`; failures throw an Error that names what differed.
 */

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export function assertEqual<T>(actual: T, expected: T, what: string): void {
  if (!equal(actual, expected)) {
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** `actual` has at least the given fields with the given values. */
export function assertMatch(actual: object, expected: object, what: string): void {
  const picked = Object.fromEntries(
    Object.keys(expected).map((k) => [k, (actual as Record<string, unknown>)[k]]),
  );
  if (!equal(picked, expected)) {
    throw new AssertionError(`${what}: expected ${show(expected)} within ${show(actual)}`);
  }
}

export function assertIncludes(haystack: string, needle: string, what: string): void {
  if (!haystack.includes(needle)) {
    throw new AssertionError(`${what}: expected ${show(haystack)} to include ${show(needle)}`);
  }
}

export function assert(condition: boolean, what: string): void {
  if (!condition) throw new AssertionError(what);
}
