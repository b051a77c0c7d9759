/**
 * The seam between the store and the admission chain: decoding, defaulting and validation.
 * The real chain lives in ./admission/; tests of the storage semantics may pass `passthroughAdmission`.
 */
import type { FieldValidation } from '../kube/client.ts';
import type { KubeObject, ResourceName, Status } from '../kube/types.ts';

export interface AdmissionContext {
  operation: 'CREATE' | 'UPDATE';
  random(): number;
  /** Clock time of the request, ms. */
  now: number;
}

export interface Admission {
  /**
   * Unknown or mistyped fields: a 400 Status under Strict, warnings under Warn, nothing under
   * Ignore. `object`, when given, is the decoded body (fresh) to use instead of `obj`.
   */
  strictDecode(
    resource: ResourceName,
    obj: unknown,
    mode: FieldValidation,
  ): { status?: Status; warnings: string[]; object?: KubeObject };
  /** Fills in defaults (and, on CREATE, what admission plugins add), in place. */
  applyDefaults(resource: ResourceName, obj: KubeObject, ctx: AdmissionContext): void;
  /** A 422 Status when the object is invalid. */
  validateCreate(resource: ResourceName, obj: KubeObject): Status | undefined;
  validateUpdate(
    resource: ResourceName,
    obj: KubeObject,
    old: KubeObject,
    subresource?: string,
  ): Status | undefined;
  /**
   * The valid object in the form the server stores and serves (Go's JSON form), as a new object;
   * through the status subresource only `.status` needs it. Absent: stored as it is.
   */
  encode?(resource: ResourceName, obj: KubeObject, subresource?: string): KubeObject;
}

/** Accepts everything as given: for tests of the storage layer alone. */
export const passthroughAdmission: Admission = {
  strictDecode: () => ({ warnings: [] }),
  applyDefaults: () => {},
  validateCreate: () => undefined,
  validateUpdate: () => undefined,
};
