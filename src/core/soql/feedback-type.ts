import type { FeedbackType } from '../job/schema';
import type { QueryFacts } from '../validate-api';
import type { SoqlFacts, SoqlProblem } from './types';

/** The objects each feedbackType can read; feedback reads any object (each record is one document). */
const OBJECTS_FOR: Record<FeedbackType, readonly string[] | undefined> = {
  feedback: undefined,
  chat: ['LiveChatTranscript'],
  sms: ['ConversationEntry', 'MessagingSession'],
};

/**
 * Checks that the FROM object fits the job's feedbackType. The range is the object name in the query
 * when the facts carry it (analyzeSoql's facts do), else the start of the query.
 */
export function checkFeedbackTypeObject(facts: QueryFacts | SoqlFacts, feedbackType: FeedbackType): SoqlProblem | undefined {
  const allowed = OBJECTS_FOR[feedbackType];
  if (!allowed || !facts.object) return undefined;
  const object = facts.object.toLowerCase();
  if (allowed.some((name) => name.toLowerCase() === object)) return undefined;
  const { objectStart = 0, objectEnd = 0 } = facts as SoqlFacts;
  const expected = allowed.join(' or ');
  return {
    code: 'feedback-type-object',
    message: `A ${feedbackType} job reads ${expected}, but the query reads ${facts.object}. Query FROM ${expected}, or change feedbackType.`,
    start: objectStart,
    end: objectEnd,
    data: { feedbackType, object: facts.object, expected: [...allowed] },
  };
}
