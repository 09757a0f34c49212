import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isShippedExample } from '../../../src/vscode/walkthrough/example-files';

interface Step {
  id: string;
  description: string;
  media: { markdown?: string; svg?: string; image?: string };
  completionEvents?: string[];
}

const root = path.join(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { files: string[]; contributes: { walkthroughs: { id: string; steps: Step[] }[] } };
const steps = manifest.contributes.walkthroughs[0].steps;
const commandOf = (step: Step) => /\(command:([\w.]+)\)/.exec(step.description)?.[1];

describe('the getting-started walkthrough', () => {
  it('walks the first hour in order, each step with a button that does it', () => {
    assert.deepStrictEqual(steps.slice(0, 7).map(commandOf), [
      'sfjob.openExamples',
      'sfjob.startLocalOrg',
      'sfjob.authorizeConnection',
      'sfjob.validateQuery',
      'sfjob.previewJob',
      'sfjob.runJob',
      'sfjob.openRunOutput',
    ]);
  });

  it('completes each step when its command runs', () => {
    for (const step of steps) assert.deepStrictEqual(step.completionEvents, [`onCommand:${commandOf(step)}`], step.id);
  });

  it('gives each step media of its own, which exists and ships in the package', () => {
    const media = steps.map((step) => step.media.markdown ?? step.media.svg ?? '');
    assert.strictEqual(new Set(media).size, steps.length, 'two steps share their media');
    for (const file of media) {
      assert.ok(fs.existsSync(path.join(root, file)), `${file} does not exist`);
      assert.ok(file.startsWith('media/') && manifest.files.includes('media/**'), `${file} is not in the package's files`);
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      assert.ok(text.length < 1500, `${file} is not short`);
    }
  });

  it('ships the examples a person gets from Open Examples, not the broken ones or local run output', () => {
    for (const pattern of ['examples/*.json', 'examples/rules/*', 'examples/.sfjob/describe/**']) assert.ok(manifest.files.includes(pattern), pattern);
    assert.ok(isShippedExample('case-feedback.sfjob.json'));
    assert.ok(isShippedExample('rules/pii.redactions'));
    assert.ok(isShippedExample('.sfjob/describe/00D5g000004sfJbEAI/Case.json'));
    assert.ok(!isShippedExample('broken/soql-group-by.sfjob.json'));
    assert.ok(!isShippedExample('out/case-feedback/2026-01-01.csv'));
    assert.ok(!isShippedExample('.sfjob/state/case-feedback.json'));
    assert.ok(!isShippedExample('.sfjob/runs/x.json'));
  });
});
