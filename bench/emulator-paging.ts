/**
 * How fast a local client pages a large query out of the emulator over HTTP (query, then
 * nextRecordsUrl until done), and how much the heap grows while it does: pages are serialized one
 * per request, so the growth should stay near one page whatever the result size.
 */
import { startEmulator } from '../src/emulator/index';
import { report } from './lib/measure';
import { QUICK } from './lib/processes';

const RECORDS = QUICK ? 20_000 : 100_000;
/** Chat transcripts carry an HTML Body of a few kilobytes each, so fewer of them make a fair run. */
const CHATS = QUICK ? 4_000 : 20_000;
const API = '/services/data/v62.0';

interface Page {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: unknown[];
}

async function pageThrough(url: string, token: string, soql: string): Promise<{ records: number; seconds: number; peakHeapGrowthMb: number }> {
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const started = process.hrtime.bigint();
  let next: string | undefined = `${API}/query?q=${encodeURIComponent(soql)}`;
  let records = 0;
  while (next) {
    const response = await fetch(`${url}${next}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`paging failed with ${response.status}: ${await response.text()}`);
    const page = (await response.json()) as Page;
    records += page.records.length;
    next = page.done ? undefined : page.nextRecordsUrl;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { records, seconds, peakHeapGrowthMb: (peak - heapBefore) / 1024 / 1024 };
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0, records: { cases: RECORDS, surveys: RECORDS, chats: CHATS } });
  try {
    const form = new URLSearchParams({ grant_type: 'password', client_id: emulator.clientId, client_secret: emulator.clientSecret, username: emulator.username, password: emulator.password });
    const tokenResponse = await fetch(`${emulator.url}/services/oauth2/token`, { method: 'POST', body: form });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const queries: [string, string][] = [
      ['cases', 'SELECT Id, CaseNumber, Subject, Status, Origin, Priority, CreatedDate, LastModifiedDate, Owner.Name FROM Case ORDER BY CreatedDate, Id'],
      ['surveys', 'SELECT Id, Name, Score__c, Comment__c, Channel__c, Submitted_At__c, Case__c, CreatedDate FROM Survey_Response__c'],
      ['chats', 'SELECT Id, Body, StartTime, EndTime, Status, CaseId, OwnerId, CreatedDate FROM LiveChatTranscript ORDER BY CreatedDate, Id'],
    ];
    // One unmeasured pass warms the parser, the JIT and the connection pool.
    await pageThrough(emulator.url, token, 'SELECT Id FROM Case LIMIT 5000');
    for (const [name, soql] of queries) {
      const result = await pageThrough(emulator.url, token, soql);
      report({ bench: 'emulator-paging', metric: `${name} records per second`, value: result.records / result.seconds, unit: 'records/s', records: result.records });
      report({ bench: 'emulator-paging', metric: `${name} peak heap growth while paging`, value: result.peakHeapGrowthMb, unit: 'MB', records: result.records });
    }
  } finally {
    await emulator.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`emulator-paging: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
