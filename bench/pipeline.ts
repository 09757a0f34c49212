/**
 * Throughput of the run pipeline (parse → map → filter → redact → dedupe → serialize) against the floor
 * of merely parsing the same response pages and writing each record back out as JSON. Two shapes:
 * flat feedback records, and chat transcripts with five redaction rules. Prints JSON lines.
 */
import { jobSchema, type JobInput } from '../src/core/job/schema';
import { resolveJob } from '../src/core/job/resolve';
import { defaultCompilers } from '../src/core/run/compilers';
import { createPipeline } from '../src/core/run/pipeline';
import { compileRunPlan } from '../src/core/run/plan';
import { resolveRules } from '../src/core/run/rule-files';
import { createSerializer } from '../src/core/run/serialize';
import type { SfRecord } from '../src/core/run/types';
import { startEmulator } from '../src/emulator/index';
import { median, report } from './lib/measure';
import { QUICK } from './lib/processes';

const PAGE_SIZE = 2000;
const NOW = new Date('2026-11-25T08:00:00.000Z');

function feedbackPages(pages: number): string[] {
  return Array.from({ length: pages }, (_, page) => feedbackPage(page, pages));
}

function feedbackPage(page: number, pages: number): string {
  return JSON.stringify({
      totalSize: pages * PAGE_SIZE,
      done: page === pages - 1,
      records: Array.from({ length: PAGE_SIZE }, (_, index) => {
        const n = page * PAGE_SIZE + index;
        return {
          attributes: { type: 'Feedback__c', url: `/services/data/v62.0/sobjects/Feedback__c/a0X${n}` },
          Id: `a0X5g00000${String(n).padStart(8, '0')}`,
          CreatedDate: `2024-05-${String(1 + (n % 28)).padStart(2, '0')}T10:00:00.000+0000`,
          Status__c: n % 3 === 0 ? 'Open' : 'Closed',
          Score__c: n % 11,
          Comment__c: `Order ${n} arrived late, please call me on 555-${String(n % 10000).padStart(4, '0')} or mail buyer${n}@example.com`,
          Owner: { attributes: { type: 'User' }, Name: `Agent ${n % 40}` },
        };
      }),
    });
}

function transcriptBody(n: number): string {
  const lines = ['<p align="center">Chat Started: Monday, December 17, 2018, 23:27:57 (-0500)</p><p align="center">Chat Origin: Web</p><p align="center">Agent Royalle G</p>'];
  for (let turn = 0; turn < 30; turn++) {
    const speaker = turn % 2 === 0 ? 'Royalle G' : 'George';
    lines.push(`( ${turn}m ${turn % 60}s ) ${speaker}: Message ${turn} of chat ${n}: my card 4111 1111 1111 ${String(n % 10000).padStart(4, '0')}, mail g${n}@example.com, call 555-0${turn}12 &amp; thanks&#39;<br>`);
  }
  return lines.join('');
}

function chatPages(pages: number): string[] {
  const perPage = 500;
  return Array.from({ length: pages }, (_, page) =>
    JSON.stringify({
      totalSize: pages * perPage,
      done: page === pages - 1,
      records: Array.from({ length: perPage }, (_, index) => {
        const n = page * perPage + index;
        return { attributes: { type: 'LiveChatTranscript' }, Id: `5705g00000${String(n).padStart(8, '0')}`, CreatedDate: '2018-12-18T05:00:00.000+0000', Status: 'Completed', ChatDuration: 600, Body: transcriptBody(n) };
      }),
    }),
  );
}

const REDACTIONS = ['\\d{4}( \\d{4}){3}', '[\\w.+-]+@[\\w-]+\\.[\\w.]+', '555-\\d{4}', '\\b\\d{3}-\\d{2}-\\d{4}\\b', '(?i)password:\\s*\\S+'];

function recordCount(pages: string[]): number {
  return pages.reduce((sum, page) => sum + (JSON.parse(page) as { records: unknown[] }).records.length, 0);
}

async function runPipeline(input: JobInput, pages: string[]): Promise<number> {
  const job = resolveJob(jobSchema.parse(input));
  const rules = resolveRules(job, () => undefined);
  const plan = compileRunPlan(job, rules, defaultCompilers());
  if (!plan.ok) throw new Error(plan.problems.join('; '));
  const serializer = createSerializer(job);
  async function* source(): AsyncGenerator<SfRecord[]> {
    for (const page of pages) yield (JSON.parse(page) as { records: SfRecord[] }).records;
  }
  const pipeline = createPipeline({ pages: source(), plan: plan.plan, now: NOW });
  let bytes = 0;
  for await (const unit of pipeline.documents) bytes += serializer.line(unit.document).length;
  return bytes;
}

function floor(pages: string[]): number {
  let bytes = 0;
  for (const page of pages) for (const record of (JSON.parse(page) as { records: unknown[] }).records) bytes += JSON.stringify(record).length + 1;
  return bytes;
}

/**
 * Median wall time of the pipeline and of the floor, measured in alternation, so load from other
 * processes on the machine falls on both alike.
 */
async function interleavedMedians(pipeline: () => Promise<unknown>, floorRun: () => unknown, runs: number): Promise<[number, number]> {
  await pipeline();
  floorRun();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = process.hrtime.bigint();
    await pipeline();
    a.push(Number(process.hrtime.bigint() - start) / 1e6);
    start = process.hrtime.bigint();
    floorRun();
    b.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return [median(a), median(b)];
}

async function measure(bench: string, input: JobInput, pages: string[]): Promise<void> {
  const records = recordCount(pages);
  const [pipelineMs, floorMs] = await interleavedMedians(() => runPipeline(input, pages), () => floor(pages), QUICK ? 3 : 7);
  const perSecond = (ms: number): number => (records / ms) * 1000;
  report({ bench, metric: 'records_per_second', value: perSecond(pipelineMs), unit: 'records/s', baseline: perSecond(floorMs), ratio: perSecond(pipelineMs) / perSecond(floorMs), records, ...(bench === 'pipeline-feedback-no-redactions' ? { goal: '>= 0.5' } : {}) });
}

/**
 * Peak live heap while streaming `pages` pages made on demand (so the input itself takes no memory): with a
 * constant-memory pipeline the peak barely grows with the number of records, apart from the set of
 * natural ids the duplicates policy must keep.
 */
async function peakHeapMb(input: JobInput, pages: number): Promise<number> {
  const job = resolveJob(jobSchema.parse(input));
  const plan = compileRunPlan(job, resolveRules(job, () => undefined), defaultCompilers());
  if (!plan.ok) throw new Error(plan.problems.join('; '));
  const serializer = createSerializer(job);
  let peak = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  async function* source(): AsyncGenerator<SfRecord[]> {
    for (let page = 0; page < pages; page++) {
      // Live memory, not garbage waiting for collection: collect before each reading (needs --expose-gc).
      gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      yield (JSON.parse(feedbackPage(page, pages)) as { records: SfRecord[] }).records;
    }
  }
  const pipeline = createPipeline({ pages: source(), plan: plan.plan, now: NOW });
  for await (const unit of pipeline.documents) serializer.line(unit.document);
  return peak / 1024 / 1024;
}

/** Every page of a query from the emulator as response text, and how long paging took (ms). */
async function pageTexts(url: string, token: string, soql: string): Promise<{ pages: string[]; ms: number }> {
  // The pipeline's turn can outlast the server's keep-alive, leaving a closed socket in the pool: an
  // untimed request first, tried again if it meets that socket, so the timed paging starts on a live one.
  for (let attempt = 1; ; attempt++) {
    try {
      await (await fetch(`${url}/services/data/v62.0/limits`, { headers: { authorization: `Bearer ${token}` } })).text();
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  const pages: string[] = [];
  const started = process.hrtime.bigint();
  let next: string | undefined = `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
  while (next) {
    const response = await fetch(`${url}${next}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`paging failed with ${response.status}`);
    const text = await response.text();
    pages.push(text);
    const page = JSON.parse(text) as { done: boolean; nextRecordsUrl?: string };
    next = page.done ? undefined : page.nextRecordsUrl;
  }
  return { pages, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

/**
 * The chat pipeline against delivery: the emulator's own transcripts (its bodies, not the PII-dense ones
 * above), paged over HTTP in this process as the emulator-paging benchmark does, then put through the
 * pipeline with the five redaction rules. The two alternate; the pipeline keeps up when the ratio is ≥ 1.
 */
async function chatAgainstPaging(job: JobInput): Promise<void> {
  const chats = QUICK ? 4_000 : 20_000;
  const emulator = await startEmulator({ port: 0, records: { cases: 0, surveys: 0, chats } });
  try {
    const form = new URLSearchParams({ grant_type: 'password', client_id: emulator.clientId, client_secret: emulator.clientSecret, username: emulator.username, password: emulator.password });
    const { access_token: token } = (await (await fetch(`${emulator.url}/services/oauth2/token`, { method: 'POST', body: form })).json()) as { access_token: string };
    const soql = 'SELECT Id, Body, StartTime, EndTime, Status, CaseId, OwnerId, CreatedDate FROM LiveChatTranscript ORDER BY CreatedDate, Id';
    let { pages } = await pageTexts(emulator.url, token, soql);
    const records = recordCount(pages);
    await runPipeline(job, pages);
    const paging: number[] = [];
    const pipeline: number[] = [];
    for (let round = 0; round < (QUICK ? 3 : 5); round++) {
      const paged = await pageTexts(emulator.url, token, soql);
      paging.push(paged.ms);
      pages = paged.pages;
      const started = process.hrtime.bigint();
      await runPipeline(job, pages);
      pipeline.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const perSecond = (ms: number): number => (records / ms) * 1000;
    const value = perSecond(median(pipeline));
    const baseline = perSecond(median(paging));
    report({ bench: 'pipeline-chat-delivery', metric: 'emulator transcripts through the chat pipeline, 5 redaction rules', value, unit: 'transcripts/s', baseline, ratio: value / baseline, records, goal: '>= 1', note: 'baseline: the emulator paging the same transcripts' });
  } finally {
    await emulator.close();
  }
}

async function main(): Promise<void> {
  const base = { project: 'Customer Care', connection: 'acme', redactions: REDACTIONS.slice(0, 3) };
  const feedbackJob: JobInput = {
    ...base,
    name: 'Feedback',
    feedbackType: 'feedback',
    query: 'SELECT Id, CreatedDate, Status__c, Score__c, Comment__c, Owner.Name FROM Feedback__c',
    dateField: 'CreatedDate',
    filter: 'Score__c >= 0',
    mapping: { fields: [{ source: 'Status__c', type: 'text' }, { source: 'Score__c', type: 'number' }, { source: 'Comment__c', type: 'verbatim' }, { source: 'Owner.Name', name: 'Owner', type: 'text' }] },
  };
  await measure('pipeline-feedback-no-redactions', { ...feedbackJob, redactions: [] }, feedbackPages(10));
  const small = await peakHeapMb(feedbackJob, 5);
  const large = await peakHeapMb(feedbackJob, 50);
  report({ bench: 'pipeline-feedback-memory', metric: 'live_heap_100k_records', value: large, unit: 'MB', baseline: small, ratio: large / small, note: 'baseline: the same job over 10k records' });
  await measure(
    'pipeline-feedback',
    {
      ...base,
      name: 'Feedback',
      feedbackType: 'feedback',
      query: 'SELECT Id, CreatedDate, Status__c, Score__c, Comment__c, Owner.Name FROM Feedback__c',
      dateField: 'CreatedDate',
      filter: 'Score__c >= 0',
      mapping: { fields: [{ source: 'Status__c', type: 'text' }, { source: 'Score__c', type: 'number' }, { source: 'Comment__c', type: 'verbatim' }, { source: 'Owner.Name', name: 'Owner', type: 'text' }] },
    },
    feedbackPages(10),
  );
  await measure(
    'pipeline-chat',
    {
      ...base,
      redactions: REDACTIONS,
      name: 'Chats',
      feedbackType: 'chat',
      query: 'SELECT Id, CreatedDate, Status, ChatDuration, Body FROM LiveChatTranscript',
      dateField: 'CreatedDate',
      mapping: { fields: [{ source: 'Status', type: 'text' }, { source: 'ChatDuration', type: 'number' }] },
    },
    chatPages(4),
  );
  await chatAgainstPaging({
    ...base,
    redactions: REDACTIONS,
    name: 'Chats',
    feedbackType: 'chat',
    query: 'SELECT Id, Body, StartTime, EndTime, Status, CaseId, OwnerId, CreatedDate FROM LiveChatTranscript',
    dateField: 'CreatedDate',
    mapping: { fields: [{ source: 'Status', type: 'text' }, { source: 'CaseId', type: 'text' }] },
  });
}

void main();
