import { keySpan } from '../../job/locate';
import { diagnosticAt, removePropertyEdit } from '../edits';
import { defineRule } from '../types';

const FIXED = {
  feedback_provider: 'feedback_provider is always "Salesforce" for this connector',
  loadDate: 'loadDate is set to the time of each run',
} as const;

/** The connector sets these two default fields itself; a value in the job would be silently ignored. */
export const fixedField = defineRule({
  id: 'fixed-field',
  codes: ['fixed-field'],
  needs: [],
  check: ({ doc, job }) =>
    (Object.keys(FIXED) as (keyof typeof FIXED)[]).flatMap((key) => {
      const span = job.mapping && key in job.mapping ? keySpan(doc.root, ['mapping'], key) : undefined;
      if (!span) return [];
      const edit = removePropertyEdit(doc, ['mapping'], key);
      return [
        diagnosticAt(doc, span, 'fixed-field', `${FIXED[key]}; it cannot be set in the mapping. Remove "${key}".`, {
          fixes: edit ? [{ title: `Remove "${key}"`, edits: [edit], preferred: true }] : undefined,
          data: { key },
        }),
      ];
    }),
});
