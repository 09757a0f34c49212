export { createOrg, DEFAULT_SEED } from './create';
export { INTEGRATION_USERNAME } from './generate/people';
export { DEFAULT_COUNTS } from './generate/generate';
export type { CreateOrgOptions, EmulatorUser, OrgStore, RecordCounts, SRecord } from './types';
