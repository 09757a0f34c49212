import type { Diagnostic } from '../../diagnostics';
import { diagnosticAt, replaceStringEdit } from '../edits';
import { fieldReferences } from '../field-references';
import { defineRule } from '../types';

/**
 * Record keys are case-sensitive while SOQL is not, so `createddate` selects the field and then finds
 * nothing in the records. Only an authority decides a field's spelling: the sample's keys, the org's
 * describe data, the standard fields' known names, in that order. The SELECT list never does, because
 * Salesforce answers with its own spelling whatever the query says; a field no authority knows is left alone.
 */
export const fieldCase = defineRule({
  id: 'field-case',
  codes: ['field-case'],
  needs: [],
  check: ({ doc, job, query, fields }) => {
    // An aggregate query's rows are summaries with their own keys; its own error covers the job.
    if (query && !query.returnsRecords) return [];
    const out: Diagnostic[] = [];
    for (const reference of fieldReferences(doc, job)) {
      const spelled = fields.spelling(reference.name);
      if (!spelled || spelled.name === reference.name) continue;
      const expected = spelled.name;
      out.push(
        diagnosticAt(
          doc,
          reference.span,
          'field-case',
          `"${reference.name}" (${reference.where}) is spelled "${expected}" in ${spelled.origin}. Record keys are case-sensitive: write "${expected}".`,
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
