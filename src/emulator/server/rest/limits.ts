import type { EmulatorContext } from '../context';
import type { Exchange } from '../exchange';

/** GET limits: the org's limits in Salesforce's {Name: {Max, Remaining}} shape; only API requests move. */
export function handleLimits(context: EmulatorContext, exchange: Exchange): void {
  const { usage } = context;
  const fixed = (max: number) => ({ Max: max, Remaining: max });
  exchange.sendJson(200, {
    ConcurrentAsyncGetReportInstances: fixed(200),
    ConcurrentSyncReportRuns: fixed(20),
    DailyApiRequests: { Max: usage.max, Remaining: Math.max(0, usage.max - usage.count) },
    DailyAsyncApexExecutions: fixed(250_000),
    DailyBulkApiBatches: fixed(15_000),
    DailyBulkV2QueryFileStorageMB: fixed(976_562),
    DailyBulkV2QueryJobs: { Max: 10_000, Remaining: 10_000 - context.bulkJobs.createdCount },
    DataStorageMB: fixed(1024),
    FileStorageMB: fixed(1024),
    HourlyODataCallout: fixed(10_000),
    SingleEmailMessageLimit: fixed(5_000),
  });
}
