/**
 * A manifest buffer as kubectl reads a file: YAML documents separated by `---`, each an object
 * with apiVersion and kind. Every document keeps the line it starts on, so errors from the API
 * server (field paths) can be pointed at lines in the editor.
 */
import { Composer, LineCounter, Parser } from 'yaml';
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
  return [...manifestDocs(text)];
}

/**
 * The documents of `text` one at a time, each parsed only when asked for: applying a thousand
 * documents can yield to the page between them instead of parsing them all in one task.
 */
export function* manifestDocs(text: string): Generator<ManifestDoc> {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  const composer = new Composer({ prettyErrors: false });
  let index = 0;
  for (const doc of composer.compose(parser.parse(text))) {
    const read = readDoc(doc, index, lines);
    if (!read) continue; // an empty document, as kubectl skips
    index++;
    yield read;
  }
}

type ComposedDoc = ReturnType<Composer['compose']> extends Generator<infer D> ? D : never;

function readDoc(doc: ComposedDoc, index: number, lines: LineCounter): ManifestDoc | undefined {
  const start = doc.contents?.range?.[0] ?? doc.range[0];
  const startLine = lines.linePos(start).line;
  const problem = doc.errors[0];
  if (problem) {
    const pos = lines.linePos(problem.pos[0]);
    const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const error = new ManifestError(
      `error converting YAML to JSON: yaml: line ${pos.line}: ${message}`,
      pos.line,
      pos.col,
    );
    return { index, startLine, error };
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    const error = new ManifestError(
      `error validating data: the document at line ${startLine} is not an object`,
      startLine,
      1,
    );
    return { index, startLine, error };
  }
  const obj = value as KubeObject;
  const missing = [
    ...(obj.apiVersion ? [] : ['apiVersion not set']),
    ...(obj.kind ? [] : ['kind not set']),
  ];
  if (missing.length) {
    const error = new ManifestError(
      `error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`,
      startLine,
      1,
    );
    return { index, startLine, error };
  }
  return { index, startLine, object: obj };
}

/** The resource an object of this apiVersion and kind is, or undefined when none is served. */
export function resourceFor(obj: KubeObject): ResourceName | undefined {
  for (const def of Object.values(resources)) {
    const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    if (def.kind === obj.kind && apiVersion === obj.apiVersion) return def.name;
  }
  return undefined;
}
