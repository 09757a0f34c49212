/** The job workspace: one set of rules, over a host's file access, for everything around a job file. */
export { openJobWorkspace, CONNECTIONS_FILE_NAME, IGNORE_FILE_NAME, type JobWorkspace, type WorkspaceOptions } from './job-workspace';
export { FILE_SIZE_LIMITS, cachingReads, sizeText, type FileAccess, type FileInfo, type FileRead, type OpenedFile, type FileProblem, type JobFileKind, type WorkspaceFileKind } from './file-access';
export { isInside } from '../inside';
export { DESCRIBE_FOLDER, CACHE_INDEX_FILE, type CachedOrg } from './describe-cache';
export { excerpt } from './excerpt';
export { lineAndColumn } from '../location';
