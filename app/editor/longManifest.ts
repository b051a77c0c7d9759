/**
 * A long manifest: past this many characters the editor stops asking the YAML worker about the
 * whole buffer as it changes (see monaco.ts). Its own module, so that the panel can say so
 * without loading Monaco.
 *
 * The worker parses the whole buffer for each question: for 1,000 pods (about 330 KB) that took
 * 1.1 s of a core on a page that had not parsed YAML before, and the editor asks within a
 * moment of the text changing, so a long manifest applied at once had its pods and the worker
 * share the machine's two cores. A manifest written by hand stays far below this size.
 */
export const LONG_MANIFEST_CHARS = 64 * 1024;

export const isLongManifest = (length: number): boolean => length > LONG_MANIFEST_CHARS;
