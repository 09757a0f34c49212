/** Incremental schedules: when a job runs next, whether it is due, and what makes a schedule unusable. */
export { nextRuns, isDue, MAX_RUNS } from './next-runs';
export { checkSchedule, type ScheduleProblem } from './check';
export { canonicalTimeZone, isKnownTimeZone, localAt } from './zone';
