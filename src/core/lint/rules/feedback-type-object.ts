import { defaultSeverity } from '../../diagnostics';
import { checkFeedbackTypeObject } from '../../soql';
import { diagnosticAt } from '../edits';
import { defineRule } from '../types';

/** chat reads LiveChatTranscript and sms reads ConversationEntry: other objects hold no conversations. */
export const feedbackTypeObject = defineRule<'query'>({
  id: 'feedback-type-object',
  codes: ['feedback-type-object'],
  needs: ['query'],
  check: ({ doc, job, query }) => {
    if (job.feedbackType === undefined) return [];
    const problem = checkFeedbackTypeObject(query.facts, job.feedbackType);
    if (!problem) return [];
    return [
      diagnosticAt(doc, query.text.toDocumentRange(problem.start, problem.end), problem.code, problem.message, {
        severity: problem.severity ?? defaultSeverity(problem.code),
        data: problem.data,
      }),
    ];
  },
});
