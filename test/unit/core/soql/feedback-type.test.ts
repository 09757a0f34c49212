import assert from 'node:assert/strict';
import { analyzeSoql, checkFeedbackTypeObject } from '../../../../src/core/soql';

function factsOf(query: string) {
  const { facts } = analyzeSoql(query);
  assert.ok(facts, `${query} parses`);
  return facts;
}

describe('checkFeedbackTypeObject', () => {
  it('flags a chat job that does not read LiveChatTranscript, at the object name', () => {
    const query = 'SELECT Id, CreatedDate FROM Case';
    const problem = checkFeedbackTypeObject(factsOf(query), 'chat');
    assert.equal(problem?.code, 'feedback-type-object');
    assert.equal(query.slice(problem.start, problem.end), 'Case');
    assert.match(problem.message, /chat job reads LiveChatTranscript, but the query reads Case/);
  });

  it('accepts LiveChatTranscript for chat in any case', () => {
    assert.equal(checkFeedbackTypeObject(factsOf('SELECT Id FROM livechattranscript'), 'chat'), undefined);
  });

  it('accepts ConversationEntry and MessagingSession for sms and nothing else', () => {
    assert.equal(checkFeedbackTypeObject(factsOf('SELECT Id FROM ConversationEntry'), 'sms'), undefined);
    assert.equal(checkFeedbackTypeObject(factsOf('SELECT Id FROM MessagingSession'), 'sms'), undefined);
    const problem = checkFeedbackTypeObject(factsOf('SELECT Id FROM LiveChatTranscript'), 'sms');
    assert.deepEqual(problem?.data?.expected, ['ConversationEntry', 'MessagingSession']);
  });

  it('accepts any object for feedback', () => {
    assert.equal(checkFeedbackTypeObject(factsOf('SELECT Id FROM Survey_Response__c'), 'feedback'), undefined);
  });

  it('points at the start of the query when the facts carry no object position', () => {
    const problem = checkFeedbackTypeObject({ object: 'Case', fields: [], dateFieldCandidates: [] }, 'chat');
    assert.deepEqual([problem?.start, problem?.end], [0, 0]);
  });
});
