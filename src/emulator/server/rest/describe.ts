import type { SObjectDescribe } from '../../../core/describe';
import { describeUrls } from '../../org/describe/build';
import type { EmulatorContext } from '../context';
import type { Exchange } from '../exchange';

/** The keys describeGlobal leaves out of each object: the per-field and per-relationship detail. */
const DETAIL_KEYS = new Set(['fields', 'childRelationships', 'recordTypeInfos', 'supportedScopes', 'namedLayoutInfos', 'actionOverrides']);

function summaryOf(describe: SObjectDescribe, version: string): Record<string, unknown> {
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(describe)) if (!DETAIL_KEYS.has(key)) summary[key] = value;
  summary.urls = describeUrls(describe.name, version);
  return summary;
}

export function sendNotFound(exchange: Exchange): void {
  exchange.sendApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
}

/** GET sobjects: describeGlobal. */
export function handleDescribeGlobal(context: EmulatorContext, exchange: Exchange, version: string): void {
  exchange.sendJson(200, {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: context.org.describeGlobal().map((d) => summaryOf(d, version)),
  });
}

/** GET sobjects/X/describe: the full describe, object name in any case. */
export function handleDescribe(context: EmulatorContext, exchange: Exchange, version: string, objectName: string): void {
  const describe = context.org.describe(objectName);
  if (!describe) return sendNotFound(exchange);
  exchange.sendJson(200, { ...describe, urls: describeUrls(describe.name, version) });
}

/** GET sobjects/X: the object's summary and (always empty here) recently viewed items. */
export function handleSObjectInfo(context: EmulatorContext, exchange: Exchange, version: string, objectName: string): void {
  const describe = context.org.describe(objectName);
  if (!describe) return sendNotFound(exchange);
  exchange.sendJson(200, { objectDescribe: summaryOf(describe, version), recentItems: [] });
}

/** GET sobjects/X/{id}: one record with every stored field. */
export function handleRetrieve(context: EmulatorContext, exchange: Exchange, version: string, objectName: string, id: string): void {
  const describe = context.org.describe(objectName);
  if (!describe) return sendNotFound(exchange);
  const row = findById(context.org.rows(describe.name), id);
  if (!row) return sendNotFound(exchange);
  exchange.sendJson(200, {
    attributes: { type: describe.name, url: `/services/data/v${version}/sobjects/${describe.name}/${row.Id as string}` },
    ...row,
  });
}

/** Ids match on their case-sensitive first 15 characters, so the 15- and 18-character forms both work. */
function findById(rows: readonly Record<string, unknown>[], id: string): Record<string, unknown> | undefined {
  const key = id.slice(0, 15);
  return rows.find((row) => typeof row.Id === 'string' && row.Id.slice(0, 15) === key);
}
