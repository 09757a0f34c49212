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
import { LruByObject } from './memo';
import { LineIndex } from './text';
import type { SoqlFacts } from './soql';
import type { QueryFacts, ValidationContext, ValidationResult } from './validate-api';
import type { JobFileKind, OpenedFile } from './workspace/file-access';

/** Opens each file at most once per validation, as the contract promises hosts, and notes what each open gave. */
function cachedOpener(ctx: ValidationContext): { open: (name: string, kind: JobFileKind) => OpenedFile; opened: Map<string, OpenedFile> } {
  const cache = new Map<string, OpenedFile>();
  const open = (name: string, kind: JobFileKind): OpenedFile => {
    const key = `${kind}\0${name}`;
    let opened = cache.get(key);
    if (!opened) {
      opened = openOnce(ctx, name, kind);
      cache.set(key, opened);
    }
    return opened;
  };
  return { open, opened: cache };
}

function openOnce(ctx: ValidationContext, name: string, kind: JobFileKind): OpenedFile {
  try {
    if (ctx.openFile) return ctx.openFile(name, kind);
    const text = ctx.readFile(name);
    return text === undefined ? { ok: false, problem: 'missing', reason: 'it does not exist' } : { ok: true, text, path: name };
  } catch {
    // A plain reader that throws is taken at its word that there is nothing to read, as before.
    return ctx.openFile ? { ok: false, problem: 'unreadable', reason: 'it cannot be read' } : { ok: false, problem: 'missing', reason: 'it does not exist' };
  }
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
  const cache = VALIDATIONS.cacheFor(ctx.describe);
  const key = validationKey(text, ctx);
  const remembered = cache.get(key);
  if (remembered && sameFiles(remembered.opened, ctx)) return copyResult(remembered.result);
  const opener = cachedOpener(ctx);
  const timeRead = { now: false };
  const result = validateUncached(text, ctx, opener.open, timeRead);
  // A result that read the clock (or a file that could not be opened for an unexpected reason) is not
  // kept: the same text could give another answer on the next call.
  if (!timeRead.now && text.length <= MAX_REMEMBERED_TEXT) cache.set(key, { opened: [...opener.opened], result });
  return copyResult(result);
}

interface RememberedValidation {
  /** Every file the validation opened ("kind\0name") with what opening it gave. */
  opened: [string, OpenedFile][];
  result: ValidationResult;
}

/**
 * Whole validations by job text, context and describe data. The editor validates the same text again
 * when a tab is shown, a setting or another file changes, or a describe refresh ends; the files a job
 * names (sample, rule files) are opened again and compared before a remembered result is used.
 */
const VALIDATIONS = new LruByObject<RememberedValidation>(64);
/** Longer job texts are not remembered, so the memory stays a few megabytes whatever is opened. */
const MAX_REMEMBERED_TEXT = 200_000;

function validationKey(text: string, ctx: ValidationContext): string {
  const connections = ctx.connectionNames === undefined ? '\u0002' : ctx.connectionNames.join('\u0001');
  return `${ctx.path}\0${connections}\0${ctx.noConnectionsFile === true ? 1 : 0}\0${ctx.openFile ? 1 : 0}\0${text}`;
}

function sameFiles(opened: readonly [string, OpenedFile][], ctx: ValidationContext): boolean {
  return opened.every(([key, before]) => {
    const separator = key.indexOf('\0');
    const now = openOnce(ctx, key.slice(separator + 1), key.slice(0, separator) as JobFileKind);
    if (now.ok !== before.ok) return false;
    if (now.ok && before.ok) return now.text === before.text && now.path === before.path;
    return !now.ok && !before.ok && now.problem === before.problem && now.reason === before.reason;
  });
}

/** Callers may sort or extend the list they get; the remembered one stays as it was. */
function copyResult(result: ValidationResult): ValidationResult {
  return { ...result, diagnostics: [...result.diagnostics] };
}

function validateUncached(text: string, ctx: ValidationContext, openFile: (name: string, kind: JobFileKind) => OpenedFile, timeRead: { now: boolean }): ValidationResult {
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
    get now() {
      timeRead.now = true;
      return ctx.now;
    },
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
