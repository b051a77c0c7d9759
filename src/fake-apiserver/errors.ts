/**
 * Status bodies for API errors, with the messages `k8s.io/apimachinery/pkg/api/errors` writes.
 */
import { ApiError } from '../kube/client.ts';
import type { Status } from '../kube/types.ts';
import { qualifiedName, type ResourceDef } from './resources.ts';

/** A failure Status, fields in the order the Go type declares them; an empty reason is omitted. */
export function status(
  code: number,
  reason: string,
  message: string,
  details?: Status['details'],
): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message };
  if (reason) s.reason = reason;
  if (details) s.details = details;
  s.code = code;
  return s;
}

export const apiError = (
  code: number,
  reason: string,
  message: string,
  details?: Status['details'],
) => new ApiError(status(code, reason, message, details));

export const notFound = (def: ResourceDef, name: string) =>
  apiError(404, 'NotFound', `${qualifiedName(def)} "${name}" not found`, {
    name,
    ...(def.group ? { group: def.group } : {}),
    kind: def.name,
  });

export const namespaceNotFound = (namespace: string) =>
  apiError(404, 'NotFound', `namespaces "${namespace}" not found`, {
    name: namespace,
    kind: 'namespaces',
  });

export const alreadyExists = (def: ResourceDef, name: string) =>
  apiError(409, 'AlreadyExists', `${qualifiedName(def)} "${name}" already exists`, {
    name,
    ...(def.group ? { group: def.group } : {}),
    kind: def.name,
  });

export const conflict = (def: ResourceDef, name: string, why: string) =>
  apiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedName(def)} "${name}": ${why}`,
    {
      name,
      ...(def.group ? { group: def.group } : {}),
      kind: def.name,
    },
  );

export const staleConflict = (def: ResourceDef, name: string) =>
  conflict(
    def,
    name,
    'the object has been modified; please apply your changes to the latest version and try again',
  );

export const expired = (message: string) => apiError(410, 'Expired', message);

export const badRequest = (message: string) => apiError(400, 'BadRequest', message);

export const forbidden = (def: ResourceDef, name: string, why: string) =>
  apiError(403, 'Forbidden', `${qualifiedName(def)} "${name}" is forbidden: ${why}`, {
    name,
    ...(def.group ? { group: def.group } : {}),
    kind: def.name,
  });

export const methodNotAllowed = () =>
  apiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );
