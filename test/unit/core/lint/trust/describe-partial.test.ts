import * as assert from 'node:assert/strict';
import { jobText, only, rangeOf, validate, withCode } from '../job-fixture';
import { emulatorDescribe } from './fixtures';

describe('describe data as partial knowledge', () => {
  it('an object the cache has not described is "not described yet", an information naming the command', () => {
    const text = jobText();
    const result = validate(text, { describe: emulatorDescribe(['LiveChatTranscript']) });
    assert.deepEqual(withCode(result, 'unknown-object'), []);
    const found = only(result, 'not-described');
    assert.equal(found.severity, 'info');
    assert.deepEqual(found.range, rangeOf(text, 'Case', 1));
    assert.match(found.message, /sfjob describe cases\.sfjob\.json/);
    assert.match(found.message, /Refresh Org Metadata/);
    assert.ok(result.diagnostics.every((d) => d.severity === 'info'), JSON.stringify(result.diagnostics));
  });

  it('an object the org answered it does not have is unknown-object, with a suggestion', () => {
    const text = jobText({ query: 'SELECT Id, Description, CreatedDate FROM Cases' });
    const found = only(validate(text, { describe: emulatorDescribe(undefined, ['Cases']) }), 'unknown-object');
    assert.match(found.message, /did you mean 'Case'/);
  });

  it('a field missing from a described object is unknown-field, with did-you-mean', () => {
    const text = jobText({ query: 'SELECT Id, Subjet, Description, CreatedDate FROM Case' });
    const found = only(validate(text, { describe: emulatorDescribe(['Case']) }), 'unknown-field');
    assert.match(found.message, /did you mean 'Subject'/);
  });

  it('a field behind a relationship to an object not described is not judged', () => {
    const text = jobText({ query: 'SELECT Id, Description, Account.Nme, CreatedDate FROM Case' });
    assert.deepEqual(validate(text, { describe: emulatorDescribe(['Case']) }).diagnostics, []);
  });
});
