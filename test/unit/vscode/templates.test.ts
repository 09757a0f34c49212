import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type SObjectDescribe, describeSourceOf } from '../../../src/core/describe';
import { validateJob } from '../../../src/core/validate';
import { TEMPLATES, jobFileName, jobTemplate } from '../../../src/vscode/templates';

describe('New Job templates', () => {
  for (const template of TEMPLATES) {
    it(`writes a ${template.feedbackType} job that validates with no diagnostics`, () => {
      const text = jobTemplate(template.feedbackType, `${template.label} job`, 'acme-prod');
      const result = validateJob(text, { path: `/ws/${jobFileName(template.label)}`, readFile: () => undefined, connectionNames: ['acme-prod'], now: new Date('2026-01-01T00:00:00Z') });
      assert.deepStrictEqual(result.diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      assert.strictEqual(result.job?.feedbackType, template.feedbackType);
    });
  }

  it('names the connection it is given, so the job fits the workspace', () => {
    const text = jobTemplate('chat', 'Chats', 'acme-sandbox');
    const result = validateJob(text, { path: '/ws/chats.sfjob.json', readFile: () => undefined, connectionNames: ['acme-prod'] });
    assert.deepStrictEqual(result.diagnostics.map((d) => d.code), ['unknown-connection']);
  });

  it('stays clean against describe data of the standard objects it queries', () => {
    const folder = path.join(__dirname, '..', '..', 'vscode', 'fixtures', 'describe');
    const objects = fs.readdirSync(folder).map((f) => JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8')) as SObjectDescribe);
    const describe = describeSourceOf(objects);
    for (const template of TEMPLATES) {
      const result = validateJob(jobTemplate(template.feedbackType, 'Job', 'acme-prod'), { path: '/ws/job.sfjob.json', readFile: () => undefined, connectionNames: ['acme-prod'], describe });
      assert.deepStrictEqual(result.diagnostics.map((d) => `${d.code}: ${d.message}`), [], template.feedbackType);
    }
  });

  it('turns a job name into a job file name', () => {
    assert.strictEqual(jobFileName('Support chats (EMEA)'), 'support-chats-emea.sfjob.json');
    assert.strictEqual(jobFileName('***'), 'job.sfjob.json');
  });
});
