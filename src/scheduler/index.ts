export {
  createScheduler,
  DEFAULT_SCHEDULER_NAME,
  SCHEDULER_HOSTNAME,
  type Scheduler,
  type SchedulerOptions,
} from './scheduler.ts';
export { fitErrorMessage, NO_NODES_AVAILABLE } from './fitError.ts';
