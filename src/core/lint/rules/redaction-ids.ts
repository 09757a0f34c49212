import type { Diagnostic } from '../../diagnostics';
import { type PathSegment, formatPath, spanAtPath } from '../../job/locate';
import { compilePattern, testPattern } from '../../regex';
import { isIdField } from '../../run/stages';
import { diagnosticAt } from '../edits';
import type { SampleRecords } from '../sample';
import { defineRule } from '../types';

/** A Salesforce record id: 15 characters, or 18 with the case-safe suffix. */
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** How many id values are tried per pattern: enough to be representative, few enough to stay quick. */
const MAX_IDS = 200;

interface UnscopedRule {
  pattern: string;
  /** Where the diagnostic goes: the pattern in the job file, or the `file` value for a rule file. */
  path: PathSegment[];
  /** For a rule file: the file and the 1-based line. */
  file?: { name: string; line: number };
}

/** The id values of the sample (fields named Id or …Id holding 15- or 18-character ids), lookups included. */
function sampleIds(sample: SampleRecords): { field: string; value: string }[] {
  const ids: { field: string; value: string }[] = [];
  const visit = (record: Record<string, unknown>, prefix: string, depth: number): void => {
    for (const [key, value] of Object.entries(record)) {
      if (ids.length >= MAX_IDS || key === 'attributes') continue;
      if (typeof value === 'string' && isIdField(key) && SALESFORCE_ID.test(value)) ids.push({ field: prefix + key, value });
      else if (value && typeof value === 'object' && !Array.isArray(value) && depth < 5) visit(value as Record<string, unknown>, `${prefix}${key}.`, depth + 1);
    }
  };
  for (const record of sample.records) visit(record, '', 0);
  return ids;
}

function unscopedRules(redactions: unknown, readFile: (path: string) => string | undefined): UnscopedRule[] {
  if (Array.isArray(redactions)) {
    return redactions.flatMap((rule, index): UnscopedRule[] => {
      if (typeof rule === 'string') return [{ pattern: rule, path: ['redactions', index] }];
      if (rule && typeof rule === 'object' && typeof rule.pattern === 'string' && !Array.isArray(rule.fields)) return [{ pattern: rule.pattern, path: ['redactions', index, 'pattern'] }];
      return [];
    });
  }
  const file = redactions && typeof redactions === 'object' ? (redactions as { file?: unknown }).file : undefined;
  if (typeof file !== 'string') return [];
  const text = readFile(file);
  if (text === undefined) return [];
  return text.split(/\r?\n/).flatMap((raw, index): UnscopedRule[] => {
    const pattern = raw.trim();
    return pattern === '' || pattern.startsWith('#') ? [] : [{ pattern, path: ['redactions', 'file'], file: { name: file, line: index + 1 } }];
  });
}

/**
 * A redaction rule without `fields` applies to all text content. Runs never redact ids, but a pattern
 * that matches the sample's Salesforce ids is broad enough to eat id-like text inside verbatims too
 * (case numbers, order references): that is worth a look before the first run.
 */
export const redactionMatchesIds = defineRule<'sample'>({
  id: 'redaction-ids',
  codes: ['redaction-matches-ids'],
  needs: ['sample'],
  check: ({ doc, job, sample, readFile }) => {
    const ids = sampleIds(sample);
    if (ids.length === 0) return [];
    const out: Diagnostic[] = [];
    for (const rule of unscopedRules(job.redactions, readFile)) {
      const compiled = compilePattern(rule.pattern);
      if (!compiled.ok) continue;
      const hit = ids.find((id) => testPattern(compiled.regex, id.value));
      if (!hit) continue;
      const where = rule.file ? `${rule.file.name}:${rule.file.line}` : formatPath(rule.path);
      out.push(
        diagnosticAt(
          doc,
          spanAtPath(doc.root, rule.path),
          'redaction-matches-ids',
          `${where}: the pattern ${JSON.stringify(rule.pattern)} matches Salesforce ids in ${sample.path} (${hit.field} "${hit.value}"). Runs never redact ids, but a pattern this broad also masks id-like text in verbatims; anchor it (for example with \\b), or name the fields it is for in "fields".`,
          { data: { pattern: rule.pattern, field: hit.field, ...(rule.file ? { file: rule.file.name, line: rule.file.line } : {}) } },
        ),
      );
    }
    return out;
  },
});
