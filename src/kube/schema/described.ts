/**
 * The schema with its descriptions put back (descriptions.ts), built once for whoever reads them
 * first: the editor's hovers and `kubectl explain` run in the same page.
 */
import descriptions from './descriptions.json' with { type: 'json' };
import { withDescriptions } from './descriptions.ts';
import { kubernetesSchema, type KubernetesSchema } from './index.ts';

let described: KubernetesSchema | undefined;

/** The schema with every description; the same object on every call. */
export function describedSchema(): KubernetesSchema {
  described ??= withDescriptions(kubernetesSchema, descriptions);
  return described;
}
