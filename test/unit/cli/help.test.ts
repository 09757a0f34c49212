import assert from 'node:assert/strict';
import { COMMAND_NAMES, main } from '../../../src/cli/main';
import { closestNames } from '../../../src/cli/suggest';
import { plural } from '../../../src/core/plural';
import { captureIo } from '../../integration/run/live-org';

async function sfjob(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = captureIo(process.cwd(), {});
  const code = await main(args, captured.io);
  return { code, out: captured.stdout(), err: captured.stderr() };
}

describe('the CLI teaches itself', () => {
  it('lists every command with one line saying what it does, for "sfjob", "sfjob --help" and "sfjob help"', async () => {
    for (const args of [[], ['--help'], ['-h'], ['help']]) {
      const { code, out } = await sfjob(...args);
      assert.equal(code, args.length === 0 ? 2 : 0, args.join(' '));
      for (const name of [...COMMAND_NAMES, 'help']) assert.match(out, new RegExp(`^  ${name} +[a-z].{20,}$`, 'm'), `${name} in the list for "${args.join(' ')}"`);
    }
  });

  for (const name of COMMAND_NAMES) {
    it(`shows the usage, every option, an example and the exit codes of "${name}", the same for "sfjob help ${name}" and "sfjob ${name} --help"`, async () => {
      const viaHelp = await sfjob('help', name);
      const viaFlag = await sfjob(name, '--help');
      assert.equal(viaHelp.code, 0);
      assert.equal(viaFlag.code, 0);
      assert.equal(viaHelp.out, viaFlag.out);
      assert.match(viaHelp.out, new RegExp(`^usage: sfjob ${name}\\b`));
      assert.match(viaHelp.out, /\nOptions:\n(?: {2}.*\n)+/);
      assert.match(viaHelp.out, /\n {2}-h, --help +show this help\n/);
      assert.match(viaHelp.out, new RegExp(`\\nExamples?:\\n {2}sfjob ${name}\\b`));
      assert.match(viaHelp.out, /\nExit codes: 0 .*2 bad usage/s);
    });
  }

  it('suggests the command meant for a typo, and exits 2', async () => {
    const typo = await sfjob('valdate');
    assert.equal(typo.code, 2);
    assert.match(typo.err, /unknown command "valdate"\. Did you mean validate\?/);
    const help = await sfjob('help', 'valdate-query');
    assert.equal(help.code, 2);
    assert.match(help.err, /Did you mean validate-query\?/);
    const far = await sfjob('frobnicate');
    assert.equal(far.code, 2);
    assert.doesNotMatch(far.err, /Did you mean/);
    assert.match(far.err, /Run "sfjob help" for the list of commands/);
  });

  it('suggests the option meant for a typo, points at the command\'s help, and exits 2', async () => {
    const typo = await sfjob('validate', '--formt', 'json');
    assert.equal(typo.code, 2);
    assert.match(typo.err, /^sfjob validate: Unknown option '--formt'\. Did you mean --format\?\nRun "sfjob validate --help"/);
    const run = await sfjob('run', 'a.sfjob.json', '--ful');
    assert.equal(run.code, 2);
    assert.match(run.err, /Did you mean --full\?/);
    const missing = await sfjob('preview', 'a.sfjob.json', '--limit');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--limit needs a value/);
  });

  it('finds near names only: one edit for short words, two for longer ones, and prefixes', () => {
    assert.deepEqual(closestNames('valdate', ['validate', 'validate-query', 'run']), ['validate']);
    assert.deepEqual(closestNames('formt', ['format', 'output']), ['format']);
    assert.deepEqual(closestNames('rn', ['run', 'auth']), ['run']);
    assert.deepEqual(closestNames('x', ['run', 'sample']), []);
    assert.equal(closestNames('validate-q', ['validate', 'validate-query'])[0], 'validate-query');
  });

  it('counts with the right plural', () => {
    assert.equal(plural(1, 'sample record'), '1 sample record');
    assert.equal(plural(0, 'document'), '0 documents');
    assert.equal(plural(2, 'match', 'matches'), '2 matches');
    assert.equal(plural(1, 'match', 'matches'), '1 match');
  });
});
