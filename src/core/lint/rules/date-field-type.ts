import { DATE_TYPES } from '../../describe';
import type { Diagnostic } from '../../diagnostics';
import { spanAtPath } from '../../job/locate';
import { resolveFieldPath } from '../../soql';
import { candidateFixes, diagnosticAt } from '../edits';
import { useAsDateField } from './date-field';
import { defineRule } from '../types';

const NOT_DATES = new Set(['text', 'number', 'boolean']);

/**
 * The dateField's type and filterability: exactly from the org's describe data when it is cached, else
 * from the sample's values or the standard fields, which show a text or number field just as surely.
 */
export const dateFieldType = defineRule<'query'>({
  id: 'date-field-type',
  codes: ['date-field-not-date', 'field-not-filterable'],
  needs: ['query'],
  check: ({ doc, job, query, describe, fields }) => {
    const object = query.facts.object;
    if (job.dateField === undefined || object === undefined || !query.returnsRecords) return [];
    const span = spanAtPath(doc.root, ['dateField']);
    const candidates = query.facts.dateFieldCandidates.filter((c) => c !== job.dateField);
    const fixes = candidateFixes(doc, span, candidates, useAsDateField);
    const hint = candidates.length > 0 ? ` Date fields the query selects: ${candidates.map((c) => `"${c}"`).join(', ')}.` : '';
    const resolution = describe ? resolveFieldPath(describe, object, job.dateField) : { status: 'unresolved' as const };
    // A field the describe data says is missing is unknown-field's to report.
    if (resolution.status === 'missing') return [];
    if (resolution.status === 'unresolved') {
      const type = fields.type(job.dateField);
      if (!NOT_DATES.has(type)) return [];
      const origin = fields.spelling(job.dateField)?.origin ?? 'the sample records';
      const message = `dateField "${job.dateField}" holds ${type === 'number' ? 'numbers' : type === 'boolean' ? 'true/false values' : 'text'} according to ${origin}, not dates.${hint}`;
      return [diagnosticAt(doc, span, 'date-field-not-date', message, { fixes, data: { type, candidates: [...candidates] } })];
    }
    const { field } = resolution;
    const out: Diagnostic[] = [];
    if (!DATE_TYPES.has(field.type)) {
      out.push(diagnosticAt(doc, span, 'date-field-not-date', `dateField "${job.dateField}" is a ${field.type} field on ${object}, not a date or datetime.${hint}`, { fixes, data: { type: field.type, candidates: [...candidates] } }));
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
