import assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../../src/cli/main';
import { captureIo } from '../../../integration/run/live-org';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', '..', 'examples');

async function testExpression(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = captureIo(EXAMPLES, {});
  const code = await main(['test-expression', ...args], captured.io);
  return { code, out: captured.stdout(), err: captured.stderr() };
}

describe('sfjob test-expression (arguments, help and errors like every command)', () => {
  it('takes --value more than once and uses every value given', async () => {
    const { code, out, err } = await testExpression('case-feedback.sfjob.json', '--value', 'Subject=[test] login', '--value', 'Description="written"', '--format', 'json');
    assert.equal(code, 0, err);
    const result = JSON.parse(out) as { value: unknown; inputs: { field: string; value: unknown }[] };
    assert.equal(result.value, true);
    assert.deepEqual(
      result.inputs.filter((input) => input.field === 'Subject' || input.field === 'Description').map((input) => [input.field, input.value]),
      [
        ['Subject', '[test] login'],
        ['Description', 'written'],
      ],
    );
  });

  it('is bad usage (exit 2) for a missing job, a second job, a typo in an option and a bad --record, in the words of the other commands', async () => {
    const none = await testExpression();
    assert.equal(none.code, 2);
    assert.match(none.err, /give exactly one job file\./);
    assert.equal((await testExpression('case-feedback.sfjob.json', 'survey-feedback.sfjob.json')).code, 2);
    const typo = await testExpression('case-feedback.sfjob.json', '--feild', 'urgency');
    assert.equal(typo.code, 2);
    assert.match(typo.err, /Unknown option '--feild'\. Did you mean --field\?/);
    const record = await testExpression('case-feedback.sfjob.json', '--record', '0');
    assert.equal(record.code, 2);
    assert.match(record.err, /--record is a whole number from 1, not "0"/);
    const missing = await testExpression('case-feedback.sfjob.json', '--value');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--value needs a value\./);
  });

  it('shows its help for --help and "sfjob help test-expression", exit 0', async () => {
    const viaFlag = await testExpression('--help');
    assert.equal(viaFlag.code, 0);
    assert.match(viaFlag.out, /^usage: sfjob test-expression <job>/);
    assert.match(viaFlag.out, /\n {6}--value Field=Value +a value to test with; repeat for more fields/);
    const captured = captureIo(EXAMPLES, {});
    assert.equal(await main(['help', 'test-expression'], captured.io), 0);
    assert.equal(captured.stdout(), viaFlag.out);
  });
});
