/**
 * The Status bodies of admission failures, shaped as k8s.io/apimachinery/pkg/api/errors builds them
 * (NewInvalid, NewBadRequest, NewForbidden): same fields, same JSON key order, empty fields omitted.
 */
import type { Status } from '../../kube/types.ts';
import { status } from '../errors.ts';
import { aggregateMessage, errorBody, goQuote, type FieldError } from './fieldErrors.ts';

/** A kind with its API group ('' for the core group), as errors name it. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** `Pod`, or `Lease.coordination.k8s.io` for a named group (schema.GroupKind.String()). */
export const qualifiedKind = (gk: GroupKind): string =>
  gk.group ? `${gk.kind}.${gk.group}` : gk.kind;

/** 422 Invalid: `Pod "web" is invalid: spec.containers[0].image: Required value`. */
export function invalidStatus(gk: GroupKind, name: string, errors: readonly FieldError[]): Status {
  const message =
    errors.length === 0
      ? `${qualifiedKind(gk)} ${goQuote(name)} is invalid`
      : `${qualifiedKind(gk)} ${goQuote(name)} is invalid: ${aggregateMessage(errors)}`;
  const details: NonNullable<Status['details']> = {};
  if (name) details.name = name;
  if (gk.group) details.group = gk.group;
  details.kind = gk.kind;
  if (errors.length > 0) {
    details.causes = errors.map((e) => {
      const cause: { reason?: string; message?: string; field?: string } = { reason: e.type };
      const body = errorBody(e);
      if (body) cause.message = body;
      if (e.field) cause.field = e.field;
      return cause;
    });
  }
  return failure(422, 'Invalid', message, details);
}

/** 400 BadRequest with the given message. */
export const badRequestStatus = (message: string): Status => failure(400, 'BadRequest', message);

/**
 * 403 Forbidden from an admission plugin: `pods "web" is forbidden: <why>`.
 * @param resource the plural resource, qualified with its group when it has one
 */
export function forbiddenStatus(
  resource: { group: string; resource: string },
  name: string,
  why: string,
): Status {
  const qualified = resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
  const details: NonNullable<Status['details']> = {};
  if (name) details.name = name;
  if (resource.group) details.group = resource.group;
  details.kind = resource.resource;
  const subject = name ? `${qualified} ${goQuote(name)}` : qualified;
  return failure(403, 'Forbidden', `${subject} is forbidden: ${why}`, details);
}

/**
 * What the server answers for an error that is not a Status (ErrorToAPIStatus): 500, reason
 * StatusReasonUnknown (the empty string, so omitted), the error text as message.
 */
export const unknownErrorStatus = (message: string): Status => failure(500, '', message);

const failure = status;
