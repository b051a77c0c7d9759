/**
 * Test helpers: the admission functions take and return untyped JSON objects, and tests reach deep
 * into them (`pod.spec.containers[0].image`), so tests see them loosely typed.
 */
import type { PipelineResult } from '../index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- arbitrary JSON poked at by tests
export type Json = Record<string, any>;

/** The stored object of a successful pipeline run; throws with the Status message otherwise. */
export function objectOf(result: PipelineResult): Json {
  if (!result.object) throw new Error(`expected success, got: ${result.status?.message}`);
  return result.object as Json;
}
