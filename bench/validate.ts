/**
 * Full validation latency (JSON, schema, SOQL, every lint rule) of the example jobs and of a large job,
 * against vscode-json-languageservice validating the same text against the same JSON schema: the
 * schema-only work the editor would do anyway. Run with `npm run bench -- validate`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { validateJob } from '../src/core/validate';
import type { ValidationContext } from '../src/core/validate-api';
import { median, report } from './lib/measure';
import { largeJobText } from './lib/large-job';
import { QUICK } from './lib/processes';

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
const schemaText = fs.readFileSync(path.join(root, 'schemas', 'sfjob.schema.json'), 'utf8');
const schema = JSON.parse(schemaText);

function contextFor(dir: string): ValidationContext {
  const cache = new Map<string, string | undefined>();
  return {
    path: path.join(dir, 'job.sfjob.json'),
    readFile: (rel) => {
      if (!cache.has(rel)) cache.set(rel, fs.existsSync(path.join(dir, rel)) ? fs.readFileSync(path.join(dir, rel), 'utf8') : undefined);
      return cache.get(rel);
    },
    connectionNames: ['local', 'acme-prod'],
    now: new Date('2026-11-25T08:00:00Z'),
  };
}

// The example jobs name their schema with a relative `$schema`; answer every schema request with our schema,
// as the editor would after loading the file, so the baseline really validates.
const languageService = getLanguageService({ schemaRequestService: async () => schemaText });
languageService.configure({ validate: true, allowComments: true, schemas: [{ uri: 'sfjob://schema', fileMatch: ['*.sfjob.json'], schema }] });

async function schemaOnly(text: string): Promise<number> {
  const doc = TextDocument.create('file:///bench/job.sfjob.json', 'json', 1, text);
  const diagnostics = await languageService.doValidation(doc, languageService.parseJSONDocument(doc), { comments: 'ignore', trailingCommas: 'ignore' });
  return diagnostics.length;
}

async function medianMsAsync(fn: () => unknown, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const jobs = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.sfjob.json')).map((f) => fs.readFileSync(path.join(examplesDir, f), 'utf8'));
  const ctx = contextFor(examplesDir);
  const large = largeJobText();

  // Cold: the first validation in a fresh process pays for loading the SOQL parser and compiling schemas.
  let start = process.hrtime.bigint();
  const first = validateJob(jobs[0], ctx);
  const cold = Number(process.hrtime.bigint() - start) / 1e6;
  start = process.hrtime.bigint();
  await schemaOnly(jobs[0]);
  const coldBaseline = Number(process.hrtime.bigint() - start) / 1e6;
  report({ bench: 'validate', metric: 'typical job cold', value: cold, unit: 'ms', baseline: coldBaseline, ratio: cold / coldBaseline });
  if (first.diagnostics.some((d) => d.severity === 'error')) throw new Error(`example job has errors: ${JSON.stringify(first.diagnostics)}`);

  // The large job's first validation: the parser is loaded by now, but nothing has seen a job this size.
  start = process.hrtime.bigint();
  validateJob(large, ctx);
  const largeCold = Number(process.hrtime.bigint() - start) / 1e6;
  start = process.hrtime.bigint();
  await schemaOnly(large);
  const largeColdBaseline = Number(process.hrtime.bigint() - start) / 1e6;
  report({ bench: 'validate', metric: 'large job first validation', value: largeCold, unit: 'ms', baseline: largeColdBaseline, ratio: largeCold / largeColdBaseline, goal: '<= 25 ms' });

  for (let i = 0; i < 20; i++) for (const job of jobs) { validateJob(job, ctx); await schemaOnly(job); }

  // Interleave rounds of both so machine noise falls on both alike; report the median of round medians.
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < (QUICK ? 3 : 7); round++) {
    ours.push(await medianMsAsync(() => jobs.forEach((job) => validateJob(job, ctx)), 30));
    theirs.push(await medianMsAsync(async () => { for (const job of jobs) await schemaOnly(job); }, 30));
  }
  const typical = median(ours) / jobs.length;
  const typicalBaseline = median(theirs) / jobs.length;
  report({ bench: 'validate', metric: 'typical job warm median', value: typical, unit: 'ms', baseline: typicalBaseline, ratio: typical / typicalBaseline, jobs: jobs.length, goal: 'ratio <= 1.0' });

  // A keystroke: the job's name changes between validations, so no whole validation is reused, while the
  // query and the patterns, unchanged, are.
  let edit = 0;
  const edited = (job: string): string => job.replace(/"name":\s*"/, `"name": "${edit++} `);
  const oursEdited: number[] = [];
  const theirsEdited: number[] = [];
  for (let round = 0; round < (QUICK ? 3 : 7); round++) {
    oursEdited.push(await medianMsAsync(() => jobs.forEach((job) => validateJob(edited(job), ctx)), 30));
    theirsEdited.push(await medianMsAsync(async () => { for (const job of jobs) await schemaOnly(edited(job)); }, 30));
  }
  const typing = median(oursEdited) / jobs.length;
  const typingBaseline = median(theirsEdited) / jobs.length;
  report({ bench: 'validate', metric: 'typical job edited between validations, warm median', value: typing, unit: 'ms', baseline: typingBaseline, ratio: typing / typingBaseline, jobs: jobs.length });

  const largeResult = validateJob(large, ctx);
  if (largeResult.diagnostics.some((d) => d.severity === 'error')) throw new Error(`large job has errors: ${JSON.stringify(largeResult.diagnostics.slice(0, 3))}`);
  const largeOurs = await medianMsAsync(() => validateJob(large, ctx), 30);
  const largeTheirs = await medianMsAsync(() => schemaOnly(large), 30);
  report({ bench: 'validate', metric: 'large job warm median', value: largeOurs, unit: 'ms', baseline: largeTheirs, ratio: largeOurs / largeTheirs, bytes: large.length, mappedFields: 1000, goal: '<= 25 ms' });
  let largeEdit = 0;
  const largeOursEdited = await medianMsAsync(() => validateJob(large.replace('"Large survey"', `"Large survey ${largeEdit++}"`), ctx), 30);
  const largeTheirsEdited = await medianMsAsync(() => schemaOnly(large.replace('"Large survey"', `"Large survey ${largeEdit++}"`)), 30);
  report({ bench: 'validate', metric: 'large job edited between validations, warm median', value: largeOursEdited, unit: 'ms', baseline: largeTheirsEdited, ratio: largeOursEdited / largeTheirsEdited, bytes: large.length, mappedFields: 1000, goal: '<= 25 ms' });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
