/**
 * `kubectl apply -f` and `kubectl create -f` on a manifest buffer: client-side apply, with the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation and a three-way strategic merge
 * patch, one document after another; a failing document does not stop the others.
 */
import { ApiError, type KubeClient } from '../../kube/client.ts';
import { deepClone } from '../../kube/objects.ts';
import { strategiesFor } from '../../kube/patch.ts';
import type { KubeObject } from '../../kube/types.ts';
import { resources } from '../../fake-apiserver/resources.ts';
import { ManifestError, manifestDocs, resourceFor, type ManifestDoc } from './manifest.ts';
import { threeWayMergePatch } from './threeWay.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type ApplyAction = 'created' | 'configured' | 'unchanged';

export type ApplyOutcome =
  | {
      ok: true;
      docIndex: number;
      startLine: number;
      kind: string;
      name: string;
      namespace?: string;
      action: ApplyAction;
      /** kubectl's warning, e.g. for a missing last-applied annotation. */
      warning?: string;
    }
  | {
      ok: false;
      docIndex: number;
      startLine: number;
      kind?: string;
      name?: string;
      namespace?: string;
      error: ApiError | ManifestError;
    };

export interface ApplyOptions {
  /** The namespace for documents without one (`-n`); default `default`. */
  namespace?: string;
  /** `kubectl create -f`: create only; an existing object is a 409 AlreadyExists error. */
  create?: boolean;
  /** The file name kubectl names in its messages; default `manifest.yaml`. */
  source?: string;
  /**
   * Awaited before each document after the first: a host that must stay responsive (the page's
   * main thread) yields to its event loop here when a manifest has many documents.
   */
  between?: (docIndex: number) => Promise<void> | void;
  /**
   * The documents of `text`, when the caller has parsed it already (parseManifest(text)): they
   * are applied instead of parsing the text again.
   */
  docs?: Iterable<ManifestDoc>;
}

/** Go's json.Marshal of an unstructured object: map keys sorted, compact, HTML-safe. */
function goJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${goString(k)}:${goJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return typeof value === 'string' ? goString(value) : JSON.stringify(value);
}

/** encoding/json escapes <, > and & (and U+2028, U+2029) where JSON.stringify does not. */
const GO_ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};
const goString = (s: string) =>
  JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]!);

/** The object as the file has it, plus the annotation recording it (what kubectl sends). */
function withLastApplied(obj: KubeObject): KubeObject {
  const recorded = deepClone(obj);
  const annotations = { ...(recorded.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  // kubectl's GetModifiedConfiguration sets the map even when it is left empty: the recorded
  // configuration reads `"annotations":{}`.
  recorded.metadata = { ...recorded.metadata, annotations };
  const out = deepClone(obj);
  out.metadata = {
    ...out.metadata,
    annotations: { ...(out.metadata?.annotations ?? {}), [LAST_APPLIED]: goJson(recorded) + '\n' },
  };
  return out;
}

export async function applyManifest(
  client: KubeClient,
  text: string,
  opts: ApplyOptions = {},
): Promise<ApplyOutcome[]> {
  const source = opts.source ?? 'manifest.yaml';
  const outcomes: ApplyOutcome[] = [];
  // Documents are parsed one at a time, so `between` also spreads the parsing.
  for (const doc of opts.docs ?? manifestDocs(text)) {
    if (doc.index > 0) await opts.between?.(doc.index);
    const base = { docIndex: doc.index, startLine: doc.startLine };
    if (!doc.object) {
      outcomes.push({ ok: false, ...base, error: doc.error! });
      continue;
    }
    let obj = doc.object;
    const name = obj.metadata?.name ?? '';
    const resource = resourceFor(obj);
    if (!resource) {
      outcomes.push({
        ok: false,
        ...base,
        kind: obj.kind,
        name,
        error: new ManifestError(
          `resource mapping not found for name: "${name}" namespace: "${obj.metadata?.namespace ?? ''}" from "${source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
          doc.startLine,
          1,
        ),
      });
      continue;
    }
    const def = resources[resource];
    const namespace = def.namespaced
      ? (obj.metadata?.namespace ?? opts.namespace ?? 'default')
      : undefined;
    const ident = { kind: def.kind, name, ...(namespace ? { namespace } : {}) };
    const fileNs = obj.metadata?.namespace;
    if (def.namespaced && fileNs && opts.namespace && fileNs !== opts.namespace) {
      outcomes.push({
        ok: false,
        ...base,
        ...ident,
        error: new ManifestError(
          `the namespace from the provided object "${fileNs}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${fileNs}' to perform this operation.`,
          doc.startLine,
          1,
        ),
      });
      continue;
    }
    // kubectl's builder sets the namespace on the object (so last-applied records it too). On a
    // copy: the caller may apply the same documents again (app/editor/parseAhead.ts).
    if (namespace) obj = { ...obj, metadata: { ...obj.metadata, namespace } };
    const nsOpt = namespace ? { namespace } : {};
    // kubectl's default --validate=strict: the server refuses unknown and duplicate fields.
    const writeOpt = { ...nsOpt, fieldValidation: 'Strict' as const };
    let verb = 'creating';
    let patchSent: unknown;
    try {
      if (opts.create) {
        const created = await client.create(resource, obj as never, writeOpt);
        outcomes.push({
          ok: true,
          ...base,
          ...ident,
          name: created.metadata?.name ?? name,
          action: 'created',
        });
        continue;
      }
      const modified = withLastApplied(obj);
      let current: KubeObject | undefined;
      verb = 'retrieving current configuration of';
      try {
        current = name
          ? ((await client.get(resource, name, nsOpt)) as unknown as KubeObject)
          : undefined;
      } catch (e) {
        if (!(e instanceof ApiError && e.status.code === 404)) throw e;
      }
      if (!current) {
        verb = 'creating';
        await client.create(resource, modified as never, writeOpt);
        outcomes.push({ ok: true, ...base, ...ident, action: 'created' });
        continue;
      }
      const lastApplied = current.metadata?.annotations?.[LAST_APPLIED];
      let original: Record<string, unknown> | undefined;
      try {
        original = lastApplied ? (JSON.parse(lastApplied) as Record<string, unknown>) : undefined;
      } catch {
        original = undefined;
      }
      const patch = threeWayMergePatch(
        original,
        modified as Record<string, unknown>,
        current as Record<string, unknown>,
        strategiesFor(resource),
      );
      const warning = lastApplied
        ? undefined
        : `Warning: resource ${resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`;
      if (Object.keys(patch).length === 0) {
        outcomes.push({ ok: true, ...base, ...ident, action: 'unchanged' });
        continue;
      }
      verb = 'patching';
      patchSent = patch;
      await client.patch(resource, name, 'strategic', patch, writeOpt);
      outcomes.push({
        ok: true,
        ...base,
        ...ident,
        action: 'configured',
        ...(warning ? { warning } : {}),
      });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // kubectl's AddSourceToErr: the server's message, prefixed with what was being done; a
      // failed patch is wrapped once more with the patch and the object it was for.
      let message = `error when ${verb} "${source}": ${e.status.message ?? e.message}`;
      if (patchSent !== undefined) {
        const gv = `${def.group}/${def.version}`;
        const info =
          `Resource: "${gv}, Resource=${def.name}", GroupVersionKind: "${gv}, Kind=${def.kind}"\n` +
          `Name: "${name}", Namespace: "${namespace ?? ''}"`;
        message = `error when applying patch:\n${goJson(patchSent)}\nto:\n${info}\nfor: "${source}": ${message}`;
      }
      const error = new ApiError({ ...e.status, message });
      outcomes.push({ ok: false, ...base, ...ident, error });
    }
  }
  return outcomes;
}

/** What kubectl prints for an outcome: `pod/hello created`, or the error as kubectl words it. */
export function formatOutcome(o: ApplyOutcome): { out?: string; err?: string } {
  if (o.ok) {
    return {
      out: `${o.kind.toLowerCase()}/${o.name} ${o.action}\n`,
      ...(o.warning ? { err: `${o.warning}\n` } : {}),
    };
  }
  return { err: `${formatError(o.error)}\n` };
}

/**
 * An error as kubectl's CheckErr prints it: 422 Invalid from its details
 * (`The Pod "x" is invalid: field: message`, one `* field: message` line each when several),
 * other API errors as `Error from server (Reason): message`, the rest as `error: message`.
 */
export function formatError(e: ApiError | ManifestError | Error): string {
  if (e instanceof ApiError) {
    const status = e.status;
    if (status.reason === 'Invalid') {
      const details = status.details;
      if (!details) return `The request is invalid${status.message ? `: ${status.message}` : ''}`;
      const head =
        details.kind || details.name
          ? `The ${details.kind ?? ''} "${details.name ?? ''}" is invalid`
          : 'The request is invalid';
      const causes = (details.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`);
      if (causes.length === 0) return head;
      if (causes.length === 1) return `${head}: ${causes[0]}`;
      return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
    }
    const reason = status.reason && status.reason !== 'Unknown' ? ` (${status.reason})` : '';
    return `Error from server${reason}: ${status.message ?? e.message}`;
  }
  return `error: ${e.message}`;
}
