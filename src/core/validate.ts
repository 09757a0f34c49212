import type { z } from 'zod';
import type { Diagnostic } from './diagnostics';
import { parseDocument } from './job/parse';
import { jobSchema, type Job } from './job/schema';
import { schemaDiagnostics } from './job/schema-diagnostics';
import { fieldKnowledge } from './lint/field-knowledge';
import { loadSample } from './lint/load-sample';
import { analyzeQuery } from './lint/query';
import { RULES } from './lint/registry';
import { withoutDependents } from './lint/quiet';
import { runRules } from './lint/runner';
import type { JobDocument, LintContext } from './lint/types';
import { LineIndex } from './text';
import type { SoqlFacts } from './soql';
import type { QueryFacts, ValidationContext, ValidationResult } from './validate-api';
import type { JobFileKind, OpenedFile } from './workspace/file-access';

/** Opens each file at most once per validation, as the contract promises hosts. */
function cachedOpener(ctx: ValidationContext): (name: string, kind: JobFileKind) => OpenedFile {
  const cache = new Map<string, OpenedFile>();
  return (name, kind) => {
    const key = `${kind}\0${name}`;
    let opened = cache.get(key);
    if (!opened) {
      try {
        if (ctx.openFile) opened = ctx.openFile(name, kind);
        else {
          const text = ctx.readFile(name);
          opened = text === undefined ? { ok: false, problem: 'missing', reason: 'it does not exist' } : { ok: true, text, path: name };
        }
      } catch {
        // A plain reader that throws is taken at its word that there is nothing to read, as before.
        opened = ctx.openFile ? { ok: false, problem: 'unreadable', reason: 'it cannot be read' } : { ok: false, problem: 'missing', reason: 'it does not exist' };
      }
      cache.set(key, opened);
    }
    return opened;
  };
}

const JOB_SCHEMA_PARTIAL = jobSchema.partial();

/** The top-level keys an issue list blames: the first segment of each path, or the unknown keys themselves. */
function blamedKeys(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.path.length === 0) return issue.code === 'unrecognized_keys' ? issue.keys : [];
    return typeof issue.path[0] === 'string' ? [issue.path[0]] : [];
  });
}

/**
 * The job as far as it is valid: top-level keys whose values broke the schema are dropped and the rest
 * is parsed again with every key optional, so later checks see typed values and never the broken ones.
 */
function salvageJob(value: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): Partial<Job> {
  const broken = new Set(blamedKeys(issues));
  const partialSchema = JOB_SCHEMA_PARTIAL;
  // Only the schema's own keys can survive, so they are the only ones looked at: a file with tens of
  // thousands of unknown keys costs no more here than a clean one.
  const known = Object.keys(jobSchema.shape).filter((key) => Object.prototype.hasOwnProperty.call(value, key));
  // Dropping a key cannot break another, so this settles at once; the bound only guards the loop.
  for (let attempt = 0; attempt < 3; attempt++) {
    const kept = Object.fromEntries(known.filter((key) => !broken.has(key)).map((key) => [key, value[key]]));
    const result = partialSchema.safeParse(kept);
    if (result.success) return result.data;
    for (const key of blamedKeys(result.error.issues)) broken.add(key);
  }
  return {};
}

/** The facts the contract publishes, without the analyzer's private offsets. */
function publicFacts(facts: SoqlFacts | undefined): QueryFacts | undefined {
  if (!facts) return undefined;
  return { ...(facts.object ? { object: facts.object } : {}), fields: facts.fields, dateFieldCandidates: facts.dateFieldCandidates };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Checks a job file's text offline: JSON, the schema, the query, mappings, rules, expressions, secrets. */
export function validateJob(text: string, ctx: ValidationContext): ValidationResult {
  const lines = new LineIndex(text);
  const parsed = parseDocument(text, lines);
  if (parsed.syntaxErrors.length > 0 || !parsed.root) return { diagnostics: parsed.syntaxErrors };
  const root = parsed.root;
  if (root.type !== 'object') {
    const diagnostic: Diagnostic = {
      code: 'schema',
      severity: 'error',
      message: 'A job file holds one JSON object ({ "name": …, "query": …, … }).',
      range: lines.rangeOf(root.offset, root.offset + root.length),
    };
    return { diagnostics: [diagnostic] };
  }

  const value = parsed.value as Record<string, unknown>;
  const result = jobSchema.safeParse(value, { reportInput: true });
  const diagnostics: Diagnostic[] = [];
  let job: Partial<Job>;
  if (result.success) {
    job = result.data;
  } else {
    diagnostics.push(...schemaDiagnostics(result.error.issues, jobSchema, root, lines));
    job = salvageJob(value, result.error.issues);
  }

  const doc: JobDocument = { path: ctx.path, text, lines, root };
  const openFile = cachedOpener(ctx);
  const readFile = (name: string): string | undefined => {
    const opened = openFile(name, 'rule-file');
    return opened.ok ? opened.text : undefined;
  };
  // A query the schema rejected (empty, or not strings) is already reported; analyzing it would only repeat that.
  const query = job.query === undefined ? { diagnostics: [] } : analyzeQuery(doc, ctx.describe);
  const sample = loadSample(doc, job, openFile);
  diagnostics.push(...sample.diagnostics);
  const context: LintContext = {
    doc,
    job,
    readFile,
    openFile,
    query: query.view,
    sample: sample.records,
    describe: ctx.describe,
    connectionNames: ctx.connectionNames,
    noConnectionsFile: ctx.noConnectionsFile,
    now: ctx.now,
    fields: fieldKnowledge({ sample: sample.records, describe: ctx.describe, object: query.view?.facts.object }),
    expressionTypes: new Map(),
  };
  diagnostics.push(...query.diagnostics, ...runRules(RULES, context));
  const reported = withoutDependents(diagnostics).sort(byPosition);
  return {
    diagnostics: reported,
    job: job as Job,
    query: publicFacts(query.view?.facts),
    samplePath: sample.records?.path,
    ...(context.expressionTypes.size > 0 ? { expressionTypes: Object.fromEntries(context.expressionTypes) } : {}),
  };
}
