import type { Diagnostic } from '../../diagnostics';
import { spanAtPath } from '../../job/locate';
import { resolveConversation } from '../../job/resolve';
import { diagnosticAt } from '../edits';
import { fieldReferences } from '../field-references';
import { byLowerCase, selectedKeys, selectsUnnamedFields } from '../selected';
import { didYouMean } from '../suggest';
import { defineRule } from '../types';

/** The fields a conversation is read from when the job does not name them. */
function defaultConversationFields(feedbackType: string | undefined, written: object | undefined): [string, string][] {
  const defaults = resolveConversation(undefined);
  const keys: (keyof typeof defaults)[] =
    feedbackType === 'chat' ? ['transcriptField'] : feedbackType === 'sms' ? ['conversationIdField', 'textField', 'actorTypeField', 'actorNameField', 'entryTimeField'] : [];
  return keys.filter((key) => !(written && key in written)).map((key) => [key, defaults[key]]);
}

/** A mapping can only use what the query retrieves; a field left out of SELECT is missing from every record. */
export const fieldNotSelected = defineRule<'query'>({
  id: 'field-not-selected',
  codes: ['field-not-selected'],
  needs: ['query'],
  check: ({ doc, job, query }) => {
    if (!query.returnsRecords || selectsUnnamedFields(query.facts.fields)) return [];
    const selected = byLowerCase(selectedKeys(query.facts.fields));
    const out: Diagnostic[] = [];
    for (const reference of fieldReferences(doc, job)) {
      if (reference.isDateField || selected.has(reference.name.toLowerCase())) continue;
      out.push(
        diagnosticAt(
          doc,
          reference.span,
          'field-not-selected',
          `"${reference.name}" (${reference.where}) is not in the query's SELECT list, so no record has it. Add it to SELECT, or correct the name.${didYouMean(reference.name, selected.values())}`,
          { data: { field: reference.name } },
        ),
      );
    }
    const feedbackTypeSpan = spanAtPath(doc.root, ['feedbackType']);
    for (const [key, field] of defaultConversationFields(job.feedbackType, job.mapping?.conversation)) {
      if (selected.has(field.toLowerCase())) continue;
      out.push(
        diagnosticAt(
          doc,
          feedbackTypeSpan,
          'field-not-selected',
          `A ${job.feedbackType} job reads the conversation from ${field} (mapping.conversation.${key}), which the query does not select. Add ${field} to SELECT, or set mapping.conversation.${key}.`,
          { data: { field, readByDefault: true } },
        ),
      );
    }
    // Salesforce returns Id only when it is selected, and a document without a natural_id is skipped.
    const fields = query.facts.fields;
    if (job.mapping?.natural_id === undefined && job.feedbackType !== 'sms' && fields.length > 0 && !selected.has('id')) {
      const span = query.text.toDocumentRange(fields[0].start, fields[fields.length - 1].end);
      out.push(
        diagnosticAt(doc, span, 'field-not-selected', 'The natural_id of each document is Id by default, which the query does not select. Add Id to SELECT, or set mapping.natural_id.', {
          data: { field: 'Id' },
        }),
      );
    }
    return out;
  },
});
