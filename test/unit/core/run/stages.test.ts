import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileLinearPattern } from '../../../../src/core/run/compilers';
import { NaturalIds } from '../../../../src/core/run/natural-ids';
import { RunStoppedError } from '../../../../src/core/run/pipeline';
import { substituteText } from '../../../../src/core/run/stages';
import { feedbackRecord, job, pagesOf, plan, run } from './helpers';

const day = (n: number): string => `2024-05-${String(n).padStart(2, '0')}T10:00:00.000+0000`;

describe('run stages', () => {
  describe('filter', () => {
    const records = [
      feedbackRecord('a1', day(1), { Status: 'Closed' }),
      feedbackRecord('a2', day(2), { Status: 'Open' }),
      feedbackRecord('a3', day(3), { Status: null }),
    ];

    it('keeps only matching records with include and counts the rest as filtered out', async () => {
      const { units, counters } = await run(job({ filter: 'Status = "Closed"' }), [records]);
      assert.deepEqual(units.map((unit) => unit.document.natural_id), ['a1']);
      assert.equal(counters.filteredOut, 2);
    });

    it('drops matching records with exclude', async () => {
      const { units, counters } = await run(job({ filter: 'Status = "Closed"', filterAction: 'exclude' }), [records]);
      assert.deepEqual(units.map((unit) => unit.document.natural_id), ['a2', 'a3']);
      assert.equal(counters.filteredOut, 1);
    });

    it('refuses to plan a run whose filter does not compile, naming the problem', () => {
      assert.throws(() => plan(job({ filter: 'Status = ' })), /filter: the expression "Status = " is not valid/);
    });
  });

  describe('substitutions and redactions', () => {
    it('replaces phrases case-sensitively on verbatims but not on attributes', async () => {
      const resolved = job({
        substitutions: [{ find: 'ACME', replace: 'the company' }],
        mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }, { source: 'Status', type: 'text' }] },
      });
      const { units, counters } = await run(resolved, [[feedbackRecord('a1', day(1), { Comment__c: 'ACME and acme and ACME', Status: 'ACME' })]]);
      assert.equal(units[0].document.verbatims.Comment__c, 'the company and acme and the company');
      assert.equal(units[0].document.attributes.Status, 'ACME');
      assert.equal(counters.substitutions, 2);
    });

    it('treats $ in a substitution literally', () => {
      assert.deepEqual(substituteText('pay 5', [{ find: 'pay', replace: '$& $1' }]), { text: '$& $1 5', count: 1 });
    });

    it('masks verbatims by default and text attributes only when a rule names them, counting per rule', async () => {
      const resolved = job({
        redactions: ['\\d{4}-\\d{4}', { pattern: '[\\w.]+@[\\w.]+', fields: ['Comment__c', 'Subject'], mask: '<email>' }],
        mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }, { source: 'Subject', type: 'text' }, { source: 'Score__c', type: 'number' }] },
      });
      const record = feedbackRecord('a1', day(1), { Comment__c: 'card 1234-5678, mail me@x.io', Subject: 'me@x.io 9999-0000', Score__c: 1234 });
      const { units, counters } = await run(resolved, [[record]]);
      assert.equal(units[0].document.verbatims.Comment__c, 'card [REDACTED], mail <email>');
      // The rule without fields leaves the text attribute alone; the one naming it masks it.
      assert.equal(units[0].document.attributes.Subject, '<email> 9999-0000');
      assert.equal(units[0].document.attributes.Score__c, 1234);
      assert.equal(counters.redactions, 3);
      assert.deepEqual(counters.redactionsByRule, [1, 2]);
    });

    it('never redacts ids, dates or numbers mapped as text, even when a rule matches them or names them', async () => {
      const resolved = job({
        redactions: ['[A-Za-z0-9]{5}', '\\d{4}', { pattern: '\\d', fields: ['Id', 'OwnerId', 'Stamp', 'Count'] }],
        mapping: {
          fields: [
            { source: 'Id', type: 'text' },
            { source: 'OwnerId', type: 'text' },
            { source: 'Stamp', type: 'text' },
            { source: 'Count', type: 'text' },
            { source: 'Comment__c', type: 'verbatim' },
          ],
        },
      });
      const record = feedbackRecord('5705g000000abcDAAQ', day(1), { OwnerId: '0055g000001XyZaAAK', Stamp: '2026-11-25T03:10:01.000+0000', Count: '1234', Comment__c: 'code 4711' });
      const { units } = await run(resolved, [[record]]);
      const attributes = units[0].document.attributes;
      assert.equal(attributes.Id, '5705g000000abcDAAQ');
      assert.equal(attributes.OwnerId, '0055g000001XyZaAAK');
      assert.equal(attributes.Stamp, '2026-11-25T03:10:01.000+0000');
      assert.equal(attributes.Count, '1234');
      assert.equal(units[0].document.verbatims.Comment__c, 'code [REDACTED]');
    });

    it('refuses a pattern XM Discover or the safe engines cannot run, naming the rule', () => {
      assert.throws(() => plan(job({ redactions: ['x(?!y)'] })), /redactions\[0\]: the pattern .* does not compile: XM Discover does not support negative lookaheads/);
      assert.throws(() => plan(job({ mapping: { fields: [{ source: 'A', type: 'text', transform: { regex: { pattern: '(?>x)', replace: '' } } }] } })), /mapping.fields\[0\].transform.regex/);
    });

    it('reads rules from rule files relative to the job', async () => {
      const resolved = job({
        substitutions: { file: 'subs.txt' },
        redactions: { file: 'redact.txt' },
        mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] },
      });
      const compiled = plan(resolved, { 'subs.txt': '# phrases\nACME: the company\n', 'redact.txt': '# cards\n\\d{4}\n' });
      const { units } = await run(resolved, [[feedbackRecord('a1', day(1), { Comment__c: 'ACME 1234' })]], { plan: compiled });
      assert.equal(units[0].document.verbatims.Comment__c, 'the company [REDACTED]');
    });

    it('finishes redaction in linear time on inputs that make backtracking engines explode', () => {
      const pattern = compileLinearPattern('(a+)+$');
      assert.ok(pattern.ok);
      fc.assert(
        fc.property(fc.integer({ min: 1000, max: 20000 }), fc.constantFrom('b', '!', 'ab'), (length, tail) => {
          const text = 'a'.repeat(length) + tail;
          const result = pattern.ok ? pattern.pattern.mask(text, '#') : { text, count: -1 };
          return result.count <= 1 && result.text.length <= text.length;
        }),
        { numRuns: 20 },
      );
    });

    it('does not mask empty matches', () => {
      const pattern = compileLinearPattern('\\d*');
      assert.ok(pattern.ok);
      assert.deepEqual(pattern.ok && pattern.pattern.mask('ab12c', '#'), { text: 'ab#c', count: 1 });
    });

    it('never loses text outside the matches of a redaction', () => {
      const pattern = compileLinearPattern('\\d+');
      assert.ok(pattern.ok);
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (text) => {
          const result = pattern.ok ? pattern.pattern.mask(text, '#') : { text: '', count: 0 };
          return result.text.replace(/#/g, '') === text.replace(/\d+/g, '').replace(/#/g, '') && result.count === (text.match(/\d+/g) ?? []).length;
        }),
      );
    });
  });

  describe('duplicates', () => {
    const records = [feedbackRecord('a1', day(1)), feedbackRecord('a2', day(2)), feedbackRecord('a1', day(3)), feedbackRecord('old', day(4))];
    const seenIds = NaturalIds.from(['old']);

    it('replace: passes a repeat on marked as superseding the earlier document of the run, and replaces earlier runs', async () => {
      const { units, counters } = await run(job(), [records], { seenIds });
      assert.deepEqual(units.map((unit) => [unit.document.natural_id, unit.supersedes]), [['a1', false], ['a2', false], ['a1', true], ['old', false]]);
      assert.equal(counters.duplicatesReplaced, 2);
      assert.equal(counters.written, 3);
    });

    it('skip: keeps the first document and skips repeats from this run and earlier runs', async () => {
      const { units, counters } = await run(job({ duplicates: 'skip' }), [records], { seenIds });
      assert.deepEqual(units.map((unit) => unit.document.natural_id), ['a1', 'a2']);
      assert.equal(counters.duplicatesSkipped, 2);
    });

    it('allow: keeps every document', async () => {
      const { units, counters } = await run(job({ duplicates: 'allow' }), [records], { seenIds });
      assert.equal(units.length, 4);
      assert.equal(counters.duplicatesReplaced + counters.duplicatesSkipped, 0);
    });

    it('keeps exactly one written document per natural_id under replace and skip', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 }), fc.constantFrom('replace' as const, 'skip' as const), async (ids, duplicates) => {
          const pages = [ids.map((id, index) => feedbackRecord(id, day(1 + (index % 28))))];
          const { units } = await run(job({ duplicates }), pages);
          const written = units.filter((unit) => !unit.supersedes).map((unit) => unit.document.natural_id);
          assert.deepEqual(written, [...new Set(ids)]);
        }),
        { numRuns: 50 },
      );
    });
  });

  describe('record limit', () => {
    it('writes at most the limit, stops pulling pages and counts the rest of the page as over the limit', async () => {
      const source = pagesOf([
        [feedbackRecord('a1', day(1)), feedbackRecord('a2', day(2))],
        [feedbackRecord('a3', day(3)), feedbackRecord('a4', day(4)), feedbackRecord('a5', day(5))],
        [feedbackRecord('a6', day(6))],
      ]);
      const { units, counters } = await run(job({ recordLimit: 3 }), source);
      assert.deepEqual(units.map((unit) => unit.document.natural_id), ['a1', 'a2', 'a3']);
      assert.equal(counters.overLimit, 2);
      assert.equal(counters.stoppedAtLimit, true);
      assert.equal(source.pulled, 2);
      assert.equal(source.closed, true);
      assert.equal(counters.lastRecordDate, '2024-05-03T10:00:00.000Z');
    });

    it('does not use up the limit on a document that replaces one of the same run', async () => {
      const records = [feedbackRecord('a1', day(1)), feedbackRecord('a1', day(2)), feedbackRecord('a2', day(3)), feedbackRecord('a3', day(4))];
      const { units, counters } = await run(job({ recordLimit: 2 }), [records]);
      assert.deepEqual(units.map((unit) => unit.document.natural_id), ['a1', 'a1', 'a2']);
      assert.equal(counters.written, 2);
      assert.equal(counters.overLimit, 1);
    });

    it('advances the watermark over filtered and skipped records, which the run did handle', async () => {
      const records = [feedbackRecord('a1', day(1), { Status: 'Open' }), feedbackRecord('a2', day(2), { Status: 'Closed' })];
      const { counters } = await run(job({ filter: 'Status = "Open"' }), [records]);
      assert.equal(counters.lastRecordDate, '2024-05-02T10:00:00.000Z');
    });
  });

  it('stops with RunStoppedError when the signal is aborted, and releases the source', async () => {
    const controller = new AbortController();
    const source = pagesOf([[feedbackRecord('a1', day(1))], [feedbackRecord('a2', day(2))]]);
    const onEvent = (): void => controller.abort();
    await assert.rejects(run(job(), source, { signal: controller.signal, onEvent }), RunStoppedError);
    assert.equal(source.pulled, 1);
    assert.equal(source.closed, true);
  });
});
