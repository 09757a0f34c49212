import { DATE_TYPES } from '../../describe';
import type { Diagnostic } from '../../diagnostics';
import { spanAtPath } from '../../job/locate';
import { resolveFieldPath } from '../../soql';
import { diagnosticAt } from '../edits';
import { defineRule } from '../types';

/** With the org's describe data cached, the dateField's type and filterability are known, not guessed. */
export const dateFieldType = defineRule<'query' | 'describe'>({
  id: 'date-field-type',
  codes: ['date-field-not-date', 'field-not-filterable'],
  needs: ['query', 'describe'],
  check: ({ doc, job, query, describe }) => {
    const object = query.facts.object;
    if (job.dateField === undefined || object === undefined) return [];
    const resolution = resolveFieldPath(describe, object, job.dateField);
    if (resolution.status !== 'found') return [];
    const { field } = resolution;
    const span = spanAtPath(doc.root, ['dateField']);
    const out: Diagnostic[] = [];
    if (!DATE_TYPES.has(field.type)) {
      const candidates = query.facts.dateFieldCandidates;
      const hint = candidates.length > 0 ? ` Date fields the query selects: ${candidates.map((c) => `"${c}"`).join(', ')}.` : '';
      out.push(diagnosticAt(doc, span, 'date-field-not-date', `dateField "${job.dateField}" is a ${field.type} field on ${object}, not a date or datetime.${hint}`, { data: { type: field.type, candidates: [...candidates] } }));
    } else if (!field.filterable) {
      out.push(
        diagnosticAt(doc, span, 'field-not-filterable', `${object}.${field.name} cannot be used in WHERE, so no incremental window can be built on it. Choose a filterable date field such as CreatedDate or LastModifiedDate.`, {
          data: { field: field.name },
        }),
      );
    }
    return out;
  },
});
