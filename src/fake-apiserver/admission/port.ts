/**
 * The Kubernetes admission chain behind the server's `Admission` port (../admission.ts).
 *
 * The port has four hooks and works on the request object in place, so each hook does the part of
 * the chain it can see:
 *
 *   strictDecode    decode (types, unknown fields, quantities, times, base64) and write the decoded
 *                   object back in place (unknown fields dropped, values canonical)
 *   applyDefaults   defaults; on CREATE also mutating admission (ServiceAccount, Priority,
 *                   DefaultTolerationSeconds), PrepareForCreate and Canonicalize; on UPDATE the parts
 *                   that need no stored object
 *   validateCreate  validation; when valid, the object is re-encoded in place in Go's JSON form
 *   validateUpdate  the update-time steps that need the stored object (Priority kept, generation,
 *                   gated fields in use, status/spec kept per subresource), validation, re-encoding
 *
 * A 403 from an admission plugin has no return path in `applyDefaults`, so it is thrown as an
 * ApiError, as the server throws its own errors.
 */
import { ApiError } from '../../kube/client.ts';
import { formatTime } from '../../kube/time.ts';
import type { KubeObject, ServiceAccount } from '../../kube/types.ts';
import type { Admission } from '../admission.ts';
import { isObj, type Obj } from './access.ts';
import {
  admitCreate,
  admitUpdate,
  applyDefaults,
  canonicalize,
  encodeObject,
  prepareForCreate,
  prepareForUpdate,
  strictDecode,
  validateCreate,
  validateUpdate,
} from './index.ts';

export interface KubernetesAdmissionOptions {
  /**
   * The ServiceAccount plugin's lookup: the account, or undefined when it does not exist (the pod is
   * then refused with a 403). Without it every account exists.
   */
  getServiceAccount?(namespace: string, name: string): ServiceAccount | undefined;
}

/** The v1.33 admission chain as an `Admission` for the in-memory API server. */
export function createKubernetesAdmission(options: KubernetesAdmissionOptions = {}): Admission {
  return {
    strictDecode(resource, body, mode) {
      const decoded = strictDecode(resource, body, mode);
      if (decoded.status) return { status: decoded.status, warnings: decoded.warnings };
      return decoded.object && isObj(body)
        ? { warnings: decoded.warnings, object: decoded.object as unknown as KubeObject }
        : { warnings: decoded.warnings };
    },

    applyDefaults(resource, object, ctx) {
      const o = object as unknown as Obj;
      applyDefaults(resource, o);
      if (ctx.operation === 'UPDATE') return; // the rest needs the stored object: validateUpdate
      const admission = {
        random: ctx.random,
        now() {
          return formatTime(ctx.now);
        },
        ...(options.getServiceAccount ? { getServiceAccount: options.getServiceAccount } : {}),
      };
      const rejected = admitCreate(resource, o, admission);
      if (rejected) throw new ApiError(rejected);
      prepareForCreate(resource, o, admission);
      canonicalize(resource, o);
    },

    validateCreate(resource, object) {
      return validateCreate(resource, object as unknown as Obj);
    },

    validateUpdate(resource, next, old, subresource) {
      const o = next as unknown as Obj;
      const stored = old as unknown as Obj;
      const rejected = admitUpdate(resource, o, stored, subresource);
      if (rejected) return rejected;
      prepareForUpdate(resource, o, stored, subresource);
      return validateUpdate(resource, o, stored, subresource);
    },

    encode(resource, object, subresource) {
      const o = object as unknown as Obj;
      if (subresource === 'status') {
        // Spec and metadata are the stored ones, already canonical and in Go's form: only the
        // status is encoded.
        const encoded = encodeObject(resource, { status: o.status }) as Obj;
        const out: Obj = { ...o };
        if (encoded.status === undefined) delete out.status;
        else out.status = encoded.status;
        return out as unknown as KubeObject;
      }
      canonicalize(resource, o);
      return encodeObject(resource, o) as unknown as KubeObject;
    },
  };
}
