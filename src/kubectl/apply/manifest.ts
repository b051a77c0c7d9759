/**
 * A manifest buffer as kubectl reads a file: YAML documents separated by `---`, each an object
 * with apiVersion and kind. Every document keeps the line it starts on, so errors from the API
 * server (field paths) can be pointed at lines in the editor.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { KubeObject, ResourceName } from '../../kube/types.ts';
import { resources } from '../../fake-apiserver/resources.ts';

export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(
    message: string,
    /** 1-based, in the whole buffer. */
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

export interface ManifestDoc {
  /** 0-based among the non-empty documents. */
  index: number;
  /** 1-based line of the document's first content line in the buffer. */
  startLine: number;
  object?: KubeObject;
  error?: ManifestError;
}

/** Reads every non-empty document of `text`; a bad document has `error` and no `object`. */
export function parseManifest(text: string): ManifestDoc[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const out: ManifestDoc[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    const startLine = lines.linePos(start).line;
    const problem = doc.errors[0];
    if (problem) {
      const pos = lines.linePos(problem.pos[0]);
      const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      out.push({
        index: out.length,
        startLine,
        error: new ManifestError(
          `error converting YAML to JSON: yaml: line ${pos.line}: ${message}`,
          pos.line,
          pos.col,
        ),
      });
      continue;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue; // an empty document, as kubectl skips
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push({
        index: out.length,
        startLine,
        error: new ManifestError(
          `error validating data: the document at line ${startLine} is not an object`,
          startLine,
          1,
        ),
      });
      continue;
    }
    const obj = value as KubeObject;
    const missing = [
      ...(obj.apiVersion ? [] : ['apiVersion not set']),
      ...(obj.kind ? [] : ['kind not set']),
    ];
    if (missing.length) {
      out.push({
        index: out.length,
        startLine,
        error: new ManifestError(
          `error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`,
          startLine,
          1,
        ),
      });
      continue;
    }
    out.push({ index: out.length, startLine, object: obj });
  }
  return out;
}

/** The resource an object of this apiVersion and kind is, or undefined when none is served. */
export function resourceFor(obj: KubeObject): ResourceName | undefined {
  for (const def of Object.values(resources)) {
    const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    if (def.kind === obj.kind && apiVersion === obj.apiVersion) return def.name;
  }
  return undefined;
}
