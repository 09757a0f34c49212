import * as assert from 'node:assert/strict';
import { outputCollisions } from '../../../../../src/core/lint/collisions';
import { jobText, only, rangeOf, validate } from '../job-fixture';

describe('output paths', () => {
  it('must contain {runId}: a path without it would overwrite the last run', () => {
    const text = jobText({ output: { path: 'out/cases.jsonl' } });
    const found = only(validate(text), 'schema');
    assert.deepEqual(found.range, rangeOf(text, '"out/cases.jsonl"'));
    assert.match(found.message, /must contain \{runId\}.*out\/cases-\{runId\}\.jsonl/);
  });

  it('are clean with {runId}, {job} and {date}', () => {
    assert.deepEqual(validate(jobText({ output: { path: 'out/{job}/{date}/{runId}.jsonl' } })).diagnostics, []);
  });

  it('report an unknown placeholder at its characters', () => {
    const text = jobText({ output: { path: 'out/{jobname}/{runId}.jsonl' } });
    assert.deepEqual(only(validate(text), 'schema').range, rangeOf(text, '{jobname}'));
  });
});

describe('output collisions between jobs', () => {
  const target = (file: string, template?: string, root = '/ws') => ({
    file,
    text: jobText(template === undefined ? {} : { output: { path: template } }),
    ...(template === undefined ? {} : { template, resolved: `${root}/${template}` }),
  });

  it('flags each job whose explicit output path another job shares, naming the other', () => {
    const found = outputCollisions([target('a/cases.sfjob.json', 'out/{runId}.jsonl'), target('b/cases.sfjob.json', 'out/{runId}.jsonl'), target('c.sfjob.json', 'elsewhere/{runId}.jsonl')]);
    assert.deepEqual([...found.keys()], ['a/cases.sfjob.json', 'b/cases.sfjob.json']);
    assert.match(found.get('a/cases.sfjob.json')!.message, /"b\/cases\.sfjob\.json"/);
    assert.deepEqual(found.get('a/cases.sfjob.json')!.range, rangeOf(target('a', 'out/{runId}.jsonl').text, '"out/{runId}.jsonl"'));
  });

  it('leaves alone templates with {job}, default outputs and different workspaces', () => {
    assert.equal(outputCollisions([target('a/x.sfjob.json', 'out/{job}/{runId}.jsonl'), target('b/x.sfjob.json', 'out/{job}/{runId}.jsonl')]).size, 0);
    assert.equal(outputCollisions([target('a/x.sfjob.json'), target('b/x.sfjob.json')]).size, 0);
    assert.equal(outputCollisions([target('x.sfjob.json', 'out/{runId}.jsonl', '/one'), target('y.sfjob.json', 'out/{runId}.jsonl', '/two')]).size, 0);
    assert.equal(outputCollisions([target('x.sfjob.json', 'out/{runId}.jsonl'), target('x.sfjob.json', 'out/{runId}.jsonl')]).size, 0, 'one file named twice');
  });
});
