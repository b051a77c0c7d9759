/** Byte helpers shared by the container worker, the runtime's test scenarios and the bench. */

/** `parts` one after another in one array; `total` is their length, when the caller kept it. */
export function concatBytes(
  parts: readonly Uint8Array[],
  total = parts.reduce((n, p) => n + p.length, 0),
): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
