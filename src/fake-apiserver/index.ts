export {
  createApiServer,
  type ApiServer,
  type ApiServerOptions,
  type ApiServerSnapshot,
} from './server.ts';
export { passthroughAdmission, type Admission, type AdmissionContext } from './admission.ts';
export { resources, resourceDef, apiVersionOf, type ResourceDef } from './resources.ts';
export type { FaultRule, Verb } from './faults.ts';
