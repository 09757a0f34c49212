/** This machine's side of a run: output files, state, reports, the lock, and the preview. */
export { runJob, nextWatermark, type RunJobOptions, type RunOutcome, type RunSource } from './run-job';
export { previewJob, type PreviewOptions, type PreviewResult } from './preview';
export { JobLockedError, acquireLock, type HeldLock, type LockOwner } from '../store';
export { loadState, readStateSummary, saveState, stateDatabasePath, StateFileError, type JobState, type StateSummary } from '../store';
export { createRunId, jobPaths, outputPathFor, reportPath, type JobPaths } from '../store';
export type { RunReport, RunStatus, RunWindow } from './report';
export { liveSource, type LiveSourceOptions } from './live-source';
export { decideDue, type DueDecision } from './due';
export { planJob } from './plan-job';
export { costLine, describeWindow, previewCost, previewDocumentCosts, previewNotices, previewSummary, publishedLine, retrievalNote, runSummaryLines, stageCountLines, zeroOutcomeLine } from './describe-run';
