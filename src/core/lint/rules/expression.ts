import type { Diagnostic } from '../../diagnostics';
import { checkExpression } from '../../expr';
import { type PathSegment, formatPath, nodeAt } from '../../job/locate';
import { queryTextOf } from '../../job/query-text';
import { diagnosticAt } from '../edits';
import { selectedKeys, selectsUnnamedFields } from '../selected';
import { defineRule } from '../types';
import type { LintContext } from '../types';

interface ExpressionSite {
  path: PathSegment[];
  expect: 'boolean' | 'any';
  /** A transform also sees VALUE, the field's value before the transform. */
  isTransform: boolean;
}

const SOURCE_KEYS = ['natural_id', 'document_date', 'source_value', 'feedback_type', 'job_name'] as const;

function expressionSites(job: LintContext['job']): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  if (job.filter !== undefined) sites.push({ path: ['filter'], expect: 'boolean', isTransform: false });
  const mapping = job.mapping;
  for (const key of SOURCE_KEYS) {
    const source = mapping?.[key];
    if (source && typeof source === 'object' && 'expression' in source) sites.push({ path: ['mapping', key, 'expression'], expect: 'any', isTransform: false });
  }
  mapping?.fields?.forEach((field, index) => {
    if (typeof field.source === 'object' && 'expression' in field.source) {
      sites.push({ path: ['mapping', 'fields', index, 'source', 'expression'], expect: 'any', isTransform: false });
    }
    if (field.transform && 'expression' in field.transform) {
      sites.push({ path: ['mapping', 'fields', index, 'transform', 'expression'], expect: 'any', isTransform: true });
    }
  });
  return sites;
}

/**
 * Filters and expressions are checked where they are written: each problem lands on its characters
 * inside the JSON string. Field names are checked against the SELECT list when the query is known.
 */
export const expressionRule = defineRule({
  id: 'expression',
  codes: ['expression-invalid'],
  needs: [],
  check: ({ doc, job, query }) => {
    const known = query && !selectsUnnamedFields(query.facts.fields) ? selectedKeys(query.facts.fields) : undefined;
    const out: Diagnostic[] = [];
    for (const site of expressionSites(job)) {
      const node = nodeAt(doc.root, site.path);
      if (node?.type !== 'string') continue;
      const decoded = queryTextOf(doc.text, node);
      if (!decoded) continue;
      const fields = known && site.isTransform ? [...known, 'VALUE'] : known;
      const result = checkExpression(decoded.text, { ...(fields ? { fields } : {}), expect: site.expect });
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
