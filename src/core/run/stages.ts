import type { NaturalIds } from './natural-ids';
import type { CompiledExpression, CompiledRedaction, RunPlan } from './plan';
import type { SubstitutionRule } from './rule-files';
import { markProcessed, recordSkip, type MappedUnit, type OutputDocument, type RunUnit, type StageContext, type Step } from './types';

/**
 * The small stages between mapping and the sink. Each is a step that holds no item, except dedupe,
 * which remembers the natural ids of the run (it must, to see duplicates).
 */

/** Keeps the units whose record matches (include) or does not match (exclude) the filter. */
export function filterUnits(filter: { expression: CompiledExpression; action: 'include' | 'exclude' }, now: Date, context: StageContext, next: Step<RunUnit>): Step<RunUnit> {
  const scope = { now };
  return (unit) => {
    let matches: unknown;
    try {
      matches = filter.expression.evaluate(unit.record, scope);
    } catch (error) {
      recordSkip(context, 'filter-error', `the filter could not be evaluated: ${error instanceof Error ? error.message : String(error)}`, idOf(unit));
      markProcessed(context, unit);
      return;
    }
    // Only true matches: a filter over a blank field gives a blank, which does not match.
    if ((matches === true) === (filter.action === 'include')) {
      next(unit);
    } else {
      context.counters.filteredOut++;
      markProcessed(context, unit);
    }
  };
}

function idOf(unit: RunUnit): string | undefined {
  const id = unit.record['Id'];
  return typeof id === 'string' ? id : undefined;
}

/**
 * Applies the duplicates policy by natural_id, against the ids loaded by earlier runs and those of this
 * run, both noted in the one store. Under `replace`, a document an earlier run delivered is sent again
 * only when its content changed (its hash differs from the one kept with the id; an id kept without a
 * hash counts as changed); an unchanged one is counted and left out. A repeat within the run is passed
 * on marked `supersedes`: the sink keeps only the last document per natural_id (see
 * src/store/output.ts), so the later document wins without holding documents in memory.
 */
export function dedupeDocuments(
  policy: 'replace' | 'skip' | 'allow',
  ids: NaturalIds,
  context: StageContext,
  next: Step<MappedUnit>,
  hashOf?: (unit: MappedUnit) => string,
): Step<MappedUnit> {
  if (policy === 'allow') return next;
  return (unit) => {
    const sighting = ids.sightInRun(unit.document.natural_id);
    if (sighting === 'first') {
      if (policy === 'replace' && hashOf) {
        // Hashed before the copy, so what the hash leaves on the unit (its JSON) is copied too.
        const contentHash = hashOf(unit);
        next({ ...unit, contentHash });
      } else {
        next(unit);
      }
    } else if (policy === 'skip') {
      context.counters.duplicatesSkipped++;
      markProcessed(context, unit);
    } else {
      const hash = hashOf?.(unit);
      if (sighting === 'earlier' && hash !== undefined && ids.contentHashOf(unit.document.natural_id) === hash) {
        context.counters.duplicatesUnchanged++;
        markProcessed(context, unit);
        return;
      }
      context.counters.duplicatesReplaced++;
      const changed: MappedUnit = hash === undefined ? unit : { ...unit, contentHash: hash };
      next(sighting === 'repeat' ? { ...changed, supersedes: true } : changed);
    }
  };
}

/**
 * Stops at the record limit. Once it is reached, no further page is pulled (`stop`), and the documents
 * left in the pages already read are counted as over the limit. A document replacing one of this run
 * adds no document, so it does not use up the limit.
 */
export function limitDocuments(limit: number | 'All', stop: () => void, context: StageContext, next: Step<MappedUnit>): Step<MappedUnit> {
  if (limit === 'All') return next;
  let kept = 0;
  let reached = false;
  return (unit) => {
    // Rows come in date order: after the first document over the limit, every later one is over it
    // too, so the watermark never passes a document that was not written.
    if (reached || (!unit.supersedes && kept >= limit)) {
      if (!reached) {
        reached = true;
        context.counters.stoppedAtLimit = true;
        stop();
      }
      context.counters.overLimit++;
      return;
    }
    if (!unit.supersedes) kept++;
    next(unit);
  };
}

/**
 * Substitutions, then redactions, on the text content of each document: verbatims and conversation
 * turns. A redaction rule that names `fields` applies to those verbatims and text attributes only (and
 * to the turns when it names the transcript or message field); attributes are never touched otherwise,
 * since they hold ids, codes and names that analysis joins on. Ids, dates, numbers and booleans are
 * never redacted, whatever a rule names.
 */
export function applyTextRules(plan: RunPlan, context: StageContext, next: Step<MappedUnit>): Step<MappedUnit> {
  const textAttributes = new Set(plan.fields.filter((field) => field.type === 'text' && !isIdField(field.sourceField)).map((field) => field.name));
  if (plan.substitutions.length === 0 && plan.redactions.length === 0) return next;
  const { counters } = context;
  return (unit) => {
    const changesBefore = counters.substitutions + counters.redactions;
    substitute(unit.document, plan.substitutions, context);
    try {
      redact(unit.document, plan.redactions, textAttributes, context);
    } catch (error) {
      // A document whose redactions could not all be applied might still hold what they hide, so it
      // is left out (never written half-redacted) and the reason is reported.
      recordSkip(context, 'redaction-error', `the redactions could not be applied: ${error instanceof Error ? error.message : String(error)}`, unit.document.natural_id);
      markProcessed(context, unit);
      return;
    }
    // A rule that changed the text makes the JSON kept from hashing out of date.
    if (counters.substitutions + counters.redactions !== changesBefore) unit.json = undefined;
    next(unit);
  };
}

/** `Id`, `OwnerId`, `Account.Id`: Salesforce names its id and lookup fields so. */
export function isIdField(field: string | undefined): boolean {
  if (field === undefined) return false;
  const last = field.split('.').pop() ?? field;
  return last === 'Id' || /[a-z0-9_]Id$/.test(last);
}

export function substituteText(text: string, rules: readonly SubstitutionRule[]): { text: string; count: number } {
  let count = 0;
  let result = text;
  for (const rule of rules) {
    const parts = result.split(rule.find);
    if (parts.length > 1) {
      count += parts.length - 1;
      result = parts.join(rule.replace);
    }
  }
  return { text: result, count };
}

function substitute(document: OutputDocument, rules: readonly SubstitutionRule[], context: StageContext): void {
  if (rules.length === 0) return;
  for (const name of Object.keys(document.verbatims)) {
    const result = substituteText(document.verbatims[name], rules);
    document.verbatims[name] = result.text;
    context.counters.substitutions += result.count;
  }
  for (const turn of document.conversation?.turns ?? []) {
    const result = substituteText(turn.text, rules);
    turn.text = result.text;
    context.counters.substitutions += result.count;
  }
}

function redact(document: OutputDocument, rules: readonly CompiledRedaction[], textAttributes: ReadonlySet<string>, context: StageContext): void {
  rules.forEach((rule, index) => {
    const apply = (text: string): string => {
      const result = rule.pattern.mask(text, rule.mask);
      if (result.count > 0) {
        context.counters.redactions += result.count;
        context.counters.redactionsByRule[index] = (context.counters.redactionsByRule[index] ?? 0) + result.count;
      }
      return result.text;
    };
    for (const name of Object.keys(document.verbatims)) {
      if (!rule.fields || rule.fields.has(name)) document.verbatims[name] = apply(document.verbatims[name]);
    }
    if (rule.fields) {
      for (const name of textAttributes) {
        const value = document.attributes[name];
        if (typeof value === 'string' && rule.fields.has(name) && !looksLikeDateOrNumber(value)) document.attributes[name] = apply(value);
      }
    }
    if (rule.turns) for (const turn of document.conversation?.turns ?? []) turn.text = apply(turn.text);
  });
}

/** A text attribute that holds a date-time or a number is data, not prose: redaction leaves it whole. */
export function looksLikeDateOrNumber(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || /^[+-]?\d+(?:\.\d+)?$/.test(value);
}
