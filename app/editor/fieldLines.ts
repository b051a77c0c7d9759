/**
 * Where in the editor an API error points: a field path from the API server (`spec.containers[0].image`
 * in a 422's causes, `unknown field "spec.colour"` in a strict-decoding 400) mapped to the line of
 * that field in the n-th document of the buffer. A field that is missing (a Required value) maps to
 * its nearest parent that exists.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { ApiError } from '../../src/kube/client.ts';
import { ManifestError, type ApplyOutcome } from '../../src/kubectl/apply/index.ts';

export interface Marker {
  /** 1-based lines and columns. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning';
}

/** `spec.containers[0].image` -> ['spec', 'containers', 0, 'image']. */
export function splitFieldPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

/** The range of `path` in the `docIndex`-th non-empty document of `text`. */
export function locateField(
  text: string,
  docIndex: number,
  path: string,
): Omit<Marker, 'message' | 'severity'> | undefined {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const list = (Array.isArray(docs) ? docs : [docs]).filter(
    (d) => d.errors.length > 0 || (d.toJS() !== null && d.toJS() !== undefined),
  );
  const doc = list[docIndex];
  if (!doc?.contents) return undefined;
  let node: Node = doc.contents as Node;
  let keyNode: Node | undefined;
  for (const seg of splitFieldPath(path)) {
    let next: Node | undefined;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair) {
        nextKey = pair.key as Node;
        next = (pair.value as Node | null) ?? (pair.key as Node);
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg] as Node | undefined;
    }
    if (!next) break;
    node = next;
    keyNode = nextKey;
  }
  const target = keyNode ?? node;
  const [start, end] = [target.range?.[0] ?? 0, (keyNode ?? node).range?.[1] ?? 0];
  const s = lines.linePos(start);
  // A whole map or list as the target: mark its first line only.
  const e = isMap(target) || isSeq(target) ? { line: s.line, col: s.col + 1 } : lines.linePos(end);
  return {
    startLine: s.line,
    startColumn: s.col,
    endLine: e.line,
    endColumn: Math.max(e.col, s.col + 1),
  };
}

const unknownField = /unknown field "([^"]+)"/g;
const duplicateField = /duplicate field "([^"]+)"/g;

/** Editor markers for the failed outcomes of an Apply. */
export function markersFor(text: string, outcomes: ApplyOutcome[]): Marker[] {
  const markers: Marker[] = [];
  const firstLine = (o: ApplyOutcome, message: string): Marker => ({
    startLine: o.startLine,
    startColumn: 1,
    endLine: o.startLine,
    endColumn: 200,
    message,
    severity: 'error',
  });
  for (const o of outcomes) {
    if (o.ok) {
      if (o.warning) markers.push({ ...firstLine(o, o.warning), severity: 'warning' });
      continue;
    }
    const e = o.error;
    if (e instanceof ManifestError) {
      markers.push({
        startLine: e.line,
        startColumn: e.column,
        endLine: e.line,
        endColumn: e.column + 1,
        message: e.message,
        severity: 'error',
      });
      continue;
    }
    const fields: [string, string][] = [];
    if (e instanceof ApiError) {
      for (const c of e.status.details?.causes ?? []) {
        if (c.field) fields.push([c.field, `${c.field}: ${c.message ?? ''}`]);
      }
      const message = e.status.message ?? '';
      for (const re of [unknownField, duplicateField]) {
        for (const m of message.matchAll(re)) fields.push([m[1]!, m[0]]);
      }
    }
    if (fields.length === 0) {
      markers.push(firstLine(o, e.message));
      continue;
    }
    for (const [path, message] of fields) {
      const at = locateField(text, o.docIndex, path.replace(/^\./, ''));
      markers.push(at ? { ...at, message, severity: 'error' } : firstLine(o, message));
    }
  }
  return markers;
}
