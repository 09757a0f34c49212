import type { Diagnostic } from '../../diagnostics';
import { type ExprType, checkExpression } from '../../expr';
import { type PathSegment, formatPath, nodeAt } from '../../job/locate';
import { queryTextOf } from '../../job/query-text';
import type { Source } from '../../job/schema';
import { diagnosticAt } from '../edits';
import type { FieldKnowledge } from '../field-knowledge';
import { selectedKeys, selectsUnnamedFields } from '../selected';
import { defineRule } from '../types';
import type { LintContext } from '../types';

interface ExpressionSite {
  path: PathSegment[];
  expect: 'boolean' | 'any';
  /** A transform also sees VALUE, the field's value before the transform; this is its source. */
  transformOf?: Source;
}

const SOURCE_KEYS = ['natural_id', 'document_date', 'source_value', 'feedback_type', 'job_name'] as const;

function expressionSites(job: LintContext['job']): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  if (job.filter !== undefined) sites.push({ path: ['filter'], expect: 'boolean' });
  const mapping = job.mapping;
  for (const key of SOURCE_KEYS) {
    const source = mapping?.[key];
    if (source && typeof source === 'object' && 'expression' in source) sites.push({ path: ['mapping', key, 'expression'], expect: 'any' });
  }
  mapping?.fields?.forEach((field, index) => {
    if (typeof field.source === 'object' && 'expression' in field.source) {
      sites.push({ path: ['mapping', 'fields', index, 'source', 'expression'], expect: 'any' });
    }
    if (field.transform && 'expression' in field.transform) {
      sites.push({ path: ['mapping', 'fields', index, 'transform', 'expression'], expect: 'any', transformOf: field.source });
    }
  });
  return sites;
}

/** The fields an expression may use: the record keys the query selects, typed and spelled by the authorities. */
interface ExpressionFields {
  types: Map<string, ExprType>;
  anyCase: Set<string>;
}

function selectedFields(keys: readonly string[], knowledge: FieldKnowledge): ExpressionFields {
  const types = new Map<string, ExprType>();
  const anyCase = new Set<string>();
  for (const key of keys) {
    const spelled = knowledge.spelling(key);
    // Without an authority the SELECT list's spelling is only a guess, so any case is accepted.
    const name = spelled?.name ?? key;
    if (!spelled) anyCase.add(name);
    if (!types.has(name)) types.set(name, knowledge.type(name));
  }
  return { types, anyCase };
}

/** The type VALUE has in a transform: the type of the field the transform reads. */
function valueType(source: Source | undefined, knowledge: FieldKnowledge): ExprType {
  const name = typeof source === 'string' ? source : source && 'field' in source ? source.field : undefined;
  return name === undefined ? 'unknown' : knowledge.type(name);
}

/**
 * Filters and expressions are checked where they are written: each problem lands on its characters
 * inside the JSON string. Field names are checked against the SELECT list when the query is known, and
 * field types come from the same authorities as field case, so a number compared with text (a filter
 * that can never match) is found before a run reads records and writes none.
 */
export const expressionRule = defineRule({
  id: 'expression',
  codes: ['expression-invalid'],
  needs: [],
  check: ({ doc, job, query, fields: knowledge, expressionTypes }) => {
    // An aggregate query's rows are not records; its own error says so, and field checks would only repeat it.
    const known = query && query.returnsRecords && !selectsUnnamedFields(query.facts.fields) ? selectedFields(selectedKeys(query.facts.fields), knowledge) : undefined;
    const out: Diagnostic[] = [];
    for (const site of expressionSites(job)) {
      const node = nodeAt(doc.root, site.path);
      if (node?.type !== 'string') continue;
      const decoded = queryTextOf(doc.text, node);
      if (!decoded) continue;
      let fields = known?.types;
      if (known && site.transformOf !== undefined) fields = new Map([...known.types, ['VALUE', valueType(site.transformOf, knowledge)]]);
      const result = checkExpression(decoded.text, { ...(fields ? { fields, anyCase: known?.anyCase } : {}), expect: site.expect });
      if (result.type !== undefined) expressionTypes.set(formatPath(site.path), result.type);
      for (const problem of result.problems) {
        const span = decoded.toDocumentRange(problem.start, problem.end);
        const suggestion = problem.suggestion;
        out.push(
          diagnosticAt(doc, span, 'expression-invalid', `${formatPath(site.path)}: ${problem.message}`, {
            fixes: suggestion === undefined ? undefined : [{ title: `Change to ${suggestion}`, edits: [{ range: doc.lines.rangeOf(span.start, span.end), newText: JSON.stringify(suggestion).slice(1, -1) }], preferred: true }],
            data: suggestion === undefined ? undefined : { suggestion },
          }),
        );
      }
    }
    return out;
  },
});
