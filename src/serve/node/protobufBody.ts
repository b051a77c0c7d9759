/**
 * Serve mode's reading of request bodies: client-go's typed clients (kubectl create configmap,
 * secret, namespace, serviceaccount, token; the DeleteOptions of kubectl drain) send
 * `application/vnd.kubernetes.protobuf` and have no fallback to JSON. Such a body, on a write to a
 * resource the API server serves, is decoded here into the JSON the REST handler takes; a kind
 * kubeProtobuf.ts does not decode gets the 415 a real API server sends for a body it cannot read,
 * malformed bytes a 400 worded as k8s.io/apiserver's decode errors are. Anything else (JSON, paths
 * that are not served: their 404 comes first) goes through as text.
 */
import { apiError } from '../../fake-apiserver/errors.ts';
import { apiVersionOf, type ResourceDef } from '../../fake-apiserver/resources.ts';
import { fromError, route, type RestResponse } from '../../fake-apiserver/rest.ts';
import { decodeObject, readEnvelope } from './kubeProtobuf.ts';
import { ProtobufError } from './protobufWire.ts';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** What the REST handler takes in place of the raw body, or (`response`) the answer instead. */
export interface BodyOutcome {
  body: string;
  /** The body's media type now, where it is no longer the request's. */
  contentType?: string;
  response?: RestResponse;
}

const isProtobuf = (contentType: string | undefined) =>
  (contentType ?? '').trim().toLowerCase().startsWith(PROTOBUF_MEDIA_TYPE);

/** The type a request's body decodes into, as the real handler picks it (its default kind). */
function into(method: string, def: ResourceDef, subresource: string | undefined) {
  if (method === 'DELETE') return { apiVersion: apiVersionOf(def), kind: 'DeleteOptions' };
  if (subresource === 'token')
    return { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest' };
  if (subresource === 'binding') return { apiVersion: 'v1', kind: 'Binding' };
  return { apiVersion: apiVersionOf(def), kind: def.kind };
}

/** summarizeData of k8s.io/apiserver's handlers: the start of a body for an error message. */
function summarize(body: Uint8Array): string {
  const max = 30;
  if (body.length === 0) return '<empty>';
  const head = body.subarray(0, max);
  const text =
    body[0] === 0x7b ? Buffer.from(head).toString('utf8') : Buffer.from(head).toString('hex');
  return body.length > max ? `${text} ...` : text;
}

const fail = (code: number, reason: string, message: string): BodyOutcome => ({
  body: '',
  response: fromError(apiError(code, reason, message)),
});

export function readRequestBody(
  method: string,
  path: string,
  contentType: string | undefined,
  raw: Buffer,
): BodyOutcome {
  const m = method.toUpperCase();
  // The resource as the REST handler routes it (trailing slashes too); undefined where it answers 404.
  const target = route(path);
  // PATCH has its own media types (the handler answers 415 for this one); GET has no body.
  if (!isProtobuf(contentType) || !target || !['POST', 'PUT', 'DELETE'].includes(m)) {
    return { body: raw.toString('utf8') };
  }
  // DELETE with no body is the usual case: nothing to decode.
  if (m === 'DELETE' && raw.length === 0) return { body: '' };
  const want = into(m, target.def, target.subresource);
  let envelope;
  try {
    envelope = readEnvelope(raw);
  } catch (e) {
    if (!(e instanceof ProtobufError)) throw e;
    return fail(
      400,
      'BadRequest',
      `the object provided is unrecognized (must be of type ${want.kind}): ${e.message} (${summarize(raw)})`,
    );
  }
  // As the real decoder does, an envelope without a kind or version takes the handler's.
  const apiVersion = envelope.apiVersion || want.apiVersion;
  const kind = envelope.kind || want.kind;
  let object;
  try {
    object = decodeObject(apiVersion, kind, envelope.raw);
  } catch (e) {
    if (!(e instanceof ProtobufError)) throw e;
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
    return fail(
      400,
      'BadRequest',
      `${kind} in version "${version}" cannot be handled as a ${want.kind}: ${e.message}`,
    );
  }
  if (!object) {
    // negotiation.NewUnsupportedMediaTypeError, with the media types this server reads bodies in.
    return fail(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json',
    );
  }
  return { body: JSON.stringify(object), contentType: 'application/json' };
}
