/**
 * The store's public face: everything sfjob writes for a job goes through here, in `.sfjob/` (lock,
 * state, run reports, describe cache, schedule, temporaries) and the job's output and sample. No
 * module outside src/store writes files of the job's (`npm run lint` enforces it; see eslint.config.mjs).
 * Writes are durable (a reader sees the old file or the new one), contained in the workspace (links
 * resolved), and a run killed part-way leaves nothing the next run keeps.
 */
export { writeFileDurably, type NoteTemporary } from './durable';
export { fileSystemAccess, workspaceFileAccess, readBounded } from './fs-access';
export { jobPaths, jobIdentity, reportPath, createRunId, outputPathFor, outputBaseFolder, type JobPaths } from './paths';
export { acquireLock, JobLockedError, type HeldLock, type LockOwner } from './lock';
export { loadState, saveState, readStateSummary, openRunState, writeStateSummary, stateDatabasePath, StateFileError, type JobState, type RunState, type StateSummary } from './state';
export { carryOverLegacyState } from './legacy-state';
export { openOutput, type CommittedOutput, type OutputWriter } from './output';
export { ownFolders, removeOutputFiles, stagedStateChecks, sweepTemporaries } from './run-files';
export { realPathInside, OutsideWorkspaceError } from './containment';
export { writeRunReport } from './run-report';
export { scheduleFirstSeen } from './schedule';
export { writeSampleFile, writeSampleCsv } from './sample-file';
export { writeDescribes, readCacheIndex, readCachedObject, readDescribeCache, orgFolderOfConnection, isStale, DEFAULT_DESCRIBE_MAX_AGE_MS, DESCRIBE_FOLDER, CACHE_INDEX_FILE, type DescribeCacheIndex } from './describe-cache';
