import type { Diagnostic } from '../../diagnostics';
import { spanAtPath } from '../../job/locate';
import { candidateFixes, diagnosticAt } from '../edits';
import { byLowerCase, selectedKeys, selectsUnnamedFields } from '../selected';
import { defineRule } from '../types';

/** The title of the fix that puts a candidate in the dateField. */
export function useAsDateField(candidate: string): string {
  return `Use "${candidate}" as the dateField`;
}

function quoted(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/**
 * The dateField bounds every incremental window and dates every document, so the query must select it,
 * and the query must select at least one date field to choose from. A selected field that the sample or
 * the standard fields show to be a date counts too, whatever its name.
 */
export const dateFieldSelected = defineRule<'query'>({
  id: 'date-field',
  codes: ['date-field-not-selected', 'no-date-candidate'],
  needs: ['query'],
  check: ({ doc, job, query, fields: knowledge }) => {
    const { facts, text } = query;
    if (!query.returnsRecords) return [];
    const typed = selectedKeys(facts.fields).filter((key) => {
      const type = knowledge.type(key);
      return type === 'date' || type === 'datetime';
    });
    const candidates = [...byLowerCase([...facts.dateFieldCandidates, ...typed]).values()];
    const out: Diagnostic[] = [];
    const dateField = job.dateField;
    const dateFieldSelected = dateField !== undefined && byLowerCase(selectedKeys(facts.fields)).has(dateField.toLowerCase());
    if (candidates.length === 0 && facts.fields.length > 0 && !selectsUnnamedFields(facts.fields)) {
      const first = facts.fields[0];
      const last = facts.fields[facts.fields.length - 1];
      const span = text.toDocumentRange(first.start, last.end);
      const advice = dateField === undefined || dateFieldSelected ? 'such as CreatedDate or LastModifiedDate' : `such as the dateField "${dateField}"`;
      out.push(
        diagnosticAt(doc, span, 'no-date-candidate', `The query selects no date or datetime field, so there is nothing to use as the dateField. Add one to SELECT, ${advice}.`, {
          data: { suggestions: ['CreatedDate', 'LastModifiedDate'] },
        }),
      );
    }
    if (dateField === undefined || selectsUnnamedFields(facts.fields)) return out;
    if (dateFieldSelected) return out;
    const span = spanAtPath(doc.root, ['dateField']);
    const advice =
      candidates.length > 0
        ? `Add ${dateField} to SELECT, or use a date field the query selects: ${quoted(candidates)}.`
        : `Add ${dateField} to SELECT (the query selects no date field yet).`;
    out.push(
      diagnosticAt(doc, span, 'date-field-not-selected', `dateField "${dateField}" is not in the query's SELECT list. ${advice}`, {
        fixes: candidateFixes(doc, span, candidates, useAsDateField),
        data: { dateField, candidates: [...candidates] },
      }),
    );
    return out;
  },
});
