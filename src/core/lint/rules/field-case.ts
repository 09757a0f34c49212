import type { Diagnostic } from '../../diagnostics';
import { diagnosticAt, replaceStringEdit } from '../edits';
import { fieldReferences } from '../field-references';
import { byLowerCase, selectedKeys } from '../selected';
import { defineRule } from '../types';

/**
 * Record keys are case-sensitive while SOQL is not, so `createddate` selects the field and then finds
 * nothing in the records. The truth is the sample's keys (Salesforce's own spelling); without a sample,
 * the SELECT list as written.
 */
export const fieldCase = defineRule({
  id: 'field-case',
  codes: ['field-case'],
  needs: [],
  check: ({ doc, job, sample, query }) => {
    const useSample = sample !== undefined && sample.keys.size > 0;
    const truth = useSample ? [...sample.keys] : query ? selectedKeys(query.facts.fields) : undefined;
    if (!truth) return [];
    const exact = new Set(truth);
    const spelled = byLowerCase(truth);
    const origin = useSample ? `the sample records (${sample.path})` : "the query's SELECT list";
    const out: Diagnostic[] = [];
    for (const reference of fieldReferences(doc, job)) {
      if (exact.has(reference.name)) continue;
      const expected = spelled.get(reference.name.toLowerCase());
      if (expected === undefined) continue;
      out.push(
        diagnosticAt(
          doc,
          reference.span,
          'field-case',
          `"${reference.name}" (${reference.where}) is spelled "${expected}" in ${origin}. Record keys are case-sensitive: write "${expected}".`,
          {
            fixes: [{ title: `Change to "${expected}"`, edits: [replaceStringEdit(doc, reference.span, expected)], preferred: true }],
            data: { expected, field: reference.name },
          },
        ),
      );
    }
    return out;
  },
});
