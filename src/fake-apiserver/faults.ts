/**
 * Fault injection for tests: make the next N calls of a verb on a resource fail with a given
 * Status, as client-go's reactors let a fake clientset do.
 */
import { ApiError } from '../kube/client.ts';
import type { ResourceName, Status } from '../kube/types.ts';

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export interface FaultRule {
  verb: Verb | '*';
  resource: ResourceName | '*';
  /** `status`, `binding`; undefined matches calls on the main resource only. `*` matches any. */
  subresource?: string;
  /** Only calls from this client (its user agent). */
  client?: string;
  /** How many calls fail; the rule is removed after that. Infinity keeps it. */
  times: number;
  status: Status;
}

export class Faults {
  #rules: FaultRule[] = [];

  /** Adds a rule; it is checked before the rules added earlier (like client-go's PrependReactor). */
  inject(rule: FaultRule): void {
    this.#rules.unshift({ ...rule });
  }

  clear(): void {
    this.#rules = [];
  }

  /** Throws the injected error when a rule matches this call. */
  check(verb: Verb, resource: ResourceName, subresource: string | undefined, client: string): void {
    const i = this.#rules.findIndex(
      (r) =>
        (r.verb === '*' || r.verb === verb) &&
        (r.resource === '*' || r.resource === resource) &&
        (r.subresource === '*' || r.subresource === subresource) &&
        (r.client === undefined || r.client === client),
    );
    if (i < 0) return;
    const rule = this.#rules[i]!;
    if (--rule.times <= 0) this.#rules.splice(i, 1);
    throw new ApiError(structuredCopy(rule.status));
  }
}

const structuredCopy = (s: Status): Status => JSON.parse(JSON.stringify(s)) as Status;
