/**
 * The online checks, for the CLI and the editor alike: each takes a session (from connect()) and paths,
 * returns data and prints nothing. None of these modules loads jsforce.
 */
export { checkJobOnline, type CheckJobOnlineOptions, type JobOnlineCheck } from './check-job';
export { orgGet, dataPath, type OrgSession, type OrgRequestOptions } from './request';
export { validateQueryOnline, dateFieldStatus, type OnlineValidation, type OnlineValidationOptions, type OrgQueryFacts, type QueryPlan, type DescribedField } from './validate-query';
export { orgFactsLines, typedField } from './facts-text';
export { fetchSample, redactRecords, sampleToCsv, MAX_SAMPLE_LIMIT, type FetchSampleOptions, type SampleFetch } from './sample';
export { refreshDescribeCache, type DescribeRefresh, type RefreshDescribeOptions } from '../describe/refresh';
export {
  readDescribeCache,
  orgFolderOfConnection,
  readCacheIndex,
  isStale,
  DESCRIBE_FOLDER,
  DEFAULT_DESCRIBE_MAX_AGE_MS,
  type DescribeCacheIndex,
} from '../../store';
