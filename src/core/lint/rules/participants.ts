import { keySpan } from '../../job/locate';
import { diagnosticAt, removePropertyEdit } from '../edits';
import { defineRule } from '../types';

/** A feedback record is one document with no conversation, so there are no participants to tell apart. */
export const participantsOnFeedback = defineRule({
  id: 'participants',
  codes: ['schema'],
  needs: [],
  check: ({ doc, job }) => {
    if (job.feedbackType !== 'feedback' || job.participants === undefined) return [];
    const span = keySpan(doc.root, [], 'participants');
    if (!span) return [];
    const edit = removePropertyEdit(doc, [], 'participants');
    return [
      diagnosticAt(doc, span, 'schema', '"participants" applies to chat and sms jobs only; a feedback record has no conversation. Remove it, or change feedbackType.', {
        fixes: edit ? [{ title: 'Remove "participants"', edits: [edit], preferred: true }] : undefined,
        data: { key: 'participants' },
      }),
    ];
  },
});
