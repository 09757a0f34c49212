import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { command } from '../../../../src/cli/commands/next-runs';
import { CliUsageError, type CliIo } from '../../../../src/cli/command';
import { main } from '../../../../src/cli/main';

interface Captured extends CliIo {
  out: string;
  err: string;
}

function memoryIo(cwd: string): Captured {
  const io: Captured = {
    out: '',
    err: '',
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
    cwd,
    env: {},
    isTTY: false,
    version: 'test',
  };
  return io;
}

describe('sfjob next-runs', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-next-runs-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function job(name: string, text: string): string {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  }

  const DAILY = `{
    // Comments and trailing commas are fine in job files.
    "name": "Support chats",
    "schedule": { "mode": "incremental", "frequency": "daily", "startsOn": "09:00", "timezone": "Europe/London", },
  }`;

  it('prints the next runs in the zone and in UTC', async () => {
    const io = memoryIo(dir);
    const code = await command.run([job('support.sfjob.json', DAILY), '--from', '2026-03-28T12:00:00Z', '-n', '3'], io);
    assert.equal(code, 0);
    assert.equal(
      io.out,
      [
        'support.sfjob.json: daily at 09:00 (Europe/London); next 3 runs from 2026-03-28T12:00:00.000Z:',
        '  Sun 2026-03-29T09:00+01:00   2026-03-29T08:00:00.000Z',
        '  Mon 2026-03-30T09:00+01:00   2026-03-30T08:00:00.000Z',
        '  Tue 2026-03-31T09:00+01:00   2026-03-31T08:00:00.000Z',
        '',
      ].join('\n'),
    );
    assert.equal(io.err, '');
  });

  it('prints five runs from now by default', async () => {
    const io = memoryIo(dir);
    const before = Date.now();
    assert.equal(await command.run([job('support.sfjob.json', DAILY)], io), 0);
    const utc = [...io.out.matchAll(/ (\d{4}-\d{2}-\d{2}T09:00:00\.000Z|\d{4}-\d{2}-\d{2}T08:00:00\.000Z)$/gm)].map((m) => Date.parse(m[1]));
    assert.equal(utc.length, 5);
    assert.ok(utc[0] >= before - 1000);
  });

  it('prints JSON with local and UTC times', async () => {
    const io = memoryIo(dir);
    const file = job('hourly.sfjob.json', '{"schedule": {"mode": "incremental", "frequency": "hourly", "startsOn": "08:30", "timezone": "UTC"}}');
    assert.equal(await command.run([file, '--from', '2026-03-15T09:18:00Z', '-n', '2', '--format', 'json'], io), 0);
    assert.deepEqual(JSON.parse(io.out), {
      path: 'hourly.sfjob.json',
      mode: 'incremental',
      frequency: 'hourly',
      timezone: 'UTC',
      runs: [
        { local: '2026-03-15T09:30+00:00', utc: '2026-03-15T09:30:00.000Z' },
        { local: '2026-03-15T10:30+00:00', utc: '2026-03-15T10:30:00.000Z' },
      ],
    });
  });

  it('says a job with mode once has no scheduled runs', async () => {
    const io = memoryIo(dir);
    assert.equal(await command.run([job('once.sfjob.json', '{"name": "x", "schedule": {"mode": "once"}}')], io), 0);
    assert.match(io.out, /^once\.sfjob\.json: the schedule mode is "once": the job runs only when asked/);
    const json = memoryIo(dir);
    assert.equal(await command.run(['once.sfjob.json', '--format', 'json'], json), 0);
    assert.deepEqual(JSON.parse(json.out), { path: 'once.sfjob.json', mode: 'once', runs: [] });
  });

  it('treats a job without a schedule as mode once', async () => {
    const io = memoryIo(dir);
    assert.equal(await command.run([job('plain.sfjob.json', '{"name": "x"}')], io), 0);
    assert.match(io.out, /mode is "once"/);
  });

  it('ignores errors elsewhere in the job, since only the schedule matters here', async () => {
    const io = memoryIo(dir);
    const text = '{"name": 5, "surprise": true, "schedule": {"mode": "incremental", "frequency": "daily", "startsOn": "07:00", "timezone": "UTC"}}';
    assert.equal(await command.run([job('rough.sfjob.json', text), '-n', '1', '--from', '2026-01-01T00:00:00Z'], io), 0);
    assert.match(io.out, /2026-01-01T07:00:00\.000Z/);
  });

  it('reports a schedule that cannot produce runs at its line and column, exit 1', async () => {
    const io = memoryIo(dir);
    const text = '{\n  "schedule": {\n    "mode": "incremental", "frequency": "daily", "startsOn": "09:00",\n    "timezone": "Mars/Olympus"\n  }\n}';
    assert.equal(await command.run([job('mars.sfjob.json', text)], io), 1);
    assert.equal(io.out, '');
    assert.match(io.err, /^mars\.sfjob\.json:4:17: error schedule-invalid: "Mars\/Olympus" is not an IANA time zone/);
    assert.match(io.err, /no run times: the schedule cannot produce run times/);
  });

  it('reports schema errors in the schedule with their position, exit 1', async () => {
    const io = memoryIo(dir);
    const text = '{"schedule": {"mode": "incremental", "frequency": "daily", "startsOn": "9am", "timezone": "UTC"}}';
    assert.equal(await command.run([job('bad.sfjob.json', text)], io), 1);
    assert.match(io.err, /^bad\.sfjob\.json:1:72: error schedule-invalid: startsOn is a time "HH:MM"/);
  });

  it('reports JSON syntax errors, exit 1', async () => {
    const io = memoryIo(dir);
    assert.equal(await command.run([job('broken.sfjob.json', '{"schedule": {"mode": "once"}')], io), 1);
    assert.match(io.err, /^broken\.sfjob\.json:1:\d+: error json-syntax: /);
  });

  it('prints warnings and still lists the runs', async () => {
    const io = memoryIo(dir);
    const text = '{"schedule": {"mode": "incremental", "frequency": "hourly", "everyHours": 5, "startsOn": "09:00", "timezone": "UTC"}}';
    assert.equal(await command.run([job('five.sfjob.json', text), '-n', '2', '--from', '2026-01-01T10:00:00Z'], io), 0);
    assert.match(io.err, /warning schedule-invalid: Every 5 hours does not divide a day/);
    assert.match(io.out, /2026-01-01T14:00:00\.000Z/);
  });

  describe('usage errors (exit 2 through the CLI)', () => {
    it('names a missing file and says what to check', async () => {
      await assert.rejects(command.run(['nope.sfjob.json'], memoryIo(dir)), (error: Error) => {
        assert.ok(error instanceof CliUsageError);
        assert.equal(error.message, 'nope.sfjob.json: cannot read the job file (no such file; check the path).');
        return true;
      });
      const io = memoryIo(dir);
      assert.equal(await main(['next-runs', 'nope.sfjob.json'], io), 2);
      assert.match(io.err, /^sfjob next-runs: nope\.sfjob\.json: cannot read the job file/);
    });

    it('rejects a folder, a bad count, a bad --from, a bad format, no file and unknown flags', async () => {
      job('a.sfjob.json', DAILY);
      const cases: [string[], RegExp][] = [
        [['.'], /it is a folder/],
        [['a.sfjob.json', '-n', '0'], /-n must be a whole number from 1 to 1000/],
        [['a.sfjob.json', '-n', 'many'], /-n must be a whole number/],
        [['a.sfjob.json', '--from', 'tomorrow'], /--from must be an ISO 8601 date-time/],
        [['a.sfjob.json', '--format', 'xml'], /--format must be text or json/],
        [[], /give exactly one job file/],
        [['a.sfjob.json', '--colour'], /Unknown option '--colour'/],
      ];
      for (const [args, message] of cases) {
        const io = memoryIo(dir);
        assert.equal(await main(['next-runs', ...args], io), 2, args.join(' '));
        assert.match(io.err, message);
      }
    });

    it('prints help with -h, exit 0', async () => {
      const io = memoryIo(dir);
      assert.equal(await command.run(['-h'], io), 0);
      assert.match(io.out, /^usage: sfjob next-runs <job>/);
    });
  });
});
