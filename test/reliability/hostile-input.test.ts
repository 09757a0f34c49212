import assert from 'node:assert/strict';
import * as os from 'node:os';
import { randomBytes } from 'node:crypto';
import { CLEAN_CONNECTIONS, CLEAN_JOB, HostileWorkspace, leakedIn, type MeasuredRun, runValidate } from './hostile-cli';

/**
 * `sfjob validate` gates pull requests in CI, so every job, connections, ignore, rule and sample file it
 * reads is an attacker's input on a runner that holds secrets. Each case below is such a pull request,
 * checked through the real CLI in every output format: it is refused with a positioned diagnostic (exit 1),
 * within 2 s of CPU beyond a clean validate's start-up and 300 MB, without a stack trace, without a forged CI command, and without a byte of
 * the secrets in the CLI's environment or credentials file.
 */

const MAX_MS = 2_000;
const MAX_RSS_MB = 300;
const overload = () => os.loadavg()[0] / os.cpus().length;
// What a clean `sfjob validate` costs on this machine at this moment (start-up, bundle load, one job),
// measured before the cases run. A hostile case may spend 2 s of CPU beyond that: enough for linear work on
// the largest inputs below, far below the minutes the quadratic and backtracking paths took. Measuring the
// start-up here keeps the bound about the work and not about how busy or fast the machine is.
let startupCpuMs = 0;
let startupWallMs = 0;
// Wall time is held to 2 s beyond start-up while the machine has a core to spare; when other work keeps
// every core busy the child waits its turn, so that bound grows with the load. CPU time grows by a half on
// a machine running more than twice as much as it has cores (shared caches and clock).
const wallBudgetMs = () => startupWallMs + MAX_MS * Math.max(1, overload());
const cpuBudgetMs = () => startupCpuMs + MAX_MS * (overload() > 2 ? 1.5 : 1);

function measureStartup(): void {
  const ws = new HostileWorkspace({ 'clean.sfjob.json': JSON.stringify(CLEAN_JOB, null, 2) });
  try {
    // The least of three runs: the cost of the work, not of a moment's contention.
    const runs = [0, 1, 2].map(() => runValidate(ws, ['--format', 'json'], 'out.json'));
    assert.ok(runs.every((r) => r.status === 0), `the clean job does not validate: ${runs[0].stdout.slice(0, 500)}`);
    startupCpuMs = Math.min(...runs.map((r) => r.cpuMs));
    startupWallMs = Math.min(...runs.map((r) => r.wallMs));
  } finally {
    ws.remove();
  }
}

interface Expected {
  /** The file the diagnostic belongs to, as printed (relative to the workspace). */
  file: string;
  code: string;
  /** Text in that file where the diagnostic starts (its first occurrence unless `occurrence` says), or the offset. */
  at: string | number | ((content: string) => number);
  occurrence?: number;
}

interface Case {
  name: string;
  files: () => Record<string, string | Buffer>;
  expect: Expected[];
  args?: string[];
  /** Bad usage (exit 2) with a `file:line:` message instead of a diagnostic. */
  usage?: RegExp;
  /** Further checks on the text, GitHub, SARIF and JSON outputs. */
  check?: (outputs: Outputs) => void;
}

interface Outputs {
  text: string;
  github: string;
  sarif: SarifLog;
  json: JsonReport;
}

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}
interface SarifLog {
  runs: { results: SarifResult[] }[];
}
interface JsonReport {
  files: { path: string; diagnostics: { code: string; message: string; range: { start: { line: number; character: number } } }[] }[];
}

const diagnosticsOf = (json: JsonReport, file: string) => json.files.find((f) => f.path === file)?.diagnostics ?? [];

const job = (extra: Record<string, unknown> = {}) => JSON.stringify({ ...CLEAN_JOB, ...extra }, null, 2);
/** Large files without indentation, as generated files come: the size is in what they hold. */
const compactJob = (extra: Record<string, unknown>) => JSON.stringify({ ...CLEAN_JOB, ...extra });

function withKeys(count: number, prefix = 'unknownKey'): Record<string, number> {
  const keys: Record<string, number> = {};
  for (let i = 0; i < count; i++) keys[`${prefix}${i}`] = i;
  return keys;
}

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

const connections = (entries: Record<string, object>) => JSON.stringify({ connections: entries }, null, 2);
const local = CLEAN_CONNECTIONS.connections.local;
const LONG_NAME = `${'a'.repeat(239)}.sfjob.json`;
const JWT_KEY_CONTENT = `-----BEGIN PRIVATE KEY-----\n${randomBytes(48).toString('base64')}\n-----END PRIVATE KEY-----\n`;
const ACCESS_TOKEN_SHAPED = `00D5g000001abcd!AQ${randomBytes(24).toString('hex')}`;

/** 1-based line and column of a 0-based offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function offsetOf(text: string, at: Expected['at'], occurrence = 0): number {
  if (typeof at === 'number') return at;
  if (typeof at === 'function') return at(text);
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(at, offset + 1);
    assert.ok(offset >= 0, `"${at.slice(0, 60)}" is not in the file`);
  }
  return offset;
}

const CASES: Case[] = [
  // Size: schema diagnostics, suggestions and the salvage of a broken job stay linear, and are capped.
  {
    name: '40,000 unknown keys: the first 100 listed, the rest counted',
    files: () => ({ 'keys.sfjob.json': compactJob(withKeys(40_000)) }),
    expect: [{ file: 'keys.sfjob.json', code: 'schema', at: '"unknownKey0"' }],
    check: ({ json }) => {
      const diagnostics = diagnosticsOf(json, 'keys.sfjob.json');
      assert.equal(diagnostics.length, 101);
      assert.match(diagnostics[100].message, /^39,900 more problems like the 100 above are not listed, starting here: Unknown key "unknownKey100"/);
    },
  },
  {
    name: '80,000 unknown keys',
    files: () => ({ 'keys.sfjob.json': compactJob(withKeys(80_000)) }),
    expect: [
      { file: 'keys.sfjob.json', code: 'schema', at: '"unknownKey0"' },
      { file: 'keys.sfjob.json', code: 'schema', at: '"unknownKey100"' },
    ],
  },
  {
    name: '40,000 unknown keys inside mapping',
    files: () => ({ 'keys.sfjob.json': compactJob({ mapping: { ...CLEAN_JOB.mapping, ...withKeys(40_000, 'mappingKey') } }) }),
    expect: [{ file: 'keys.sfjob.json', code: 'schema', at: '"mappingKey0"' }],
  },
  {
    name: '40,000 copies of one key',
    files: () => ({ 'dupes.sfjob.json': `{${'"name": "x",'.repeat(40_000)}${job({ bogus: 1 }).slice(1)}` }),
    expect: [{ file: 'dupes.sfjob.json', code: 'schema', at: '"bogus"' }],
  },
  {
    name: 'an unknown key of 1 MB: the message quotes its start only',
    files: () => ({ 'long.sfjob.json': job({ [`k${'x'.repeat(1_000_000)}`]: 1 }) }),
    expect: [{ file: 'long.sfjob.json', code: 'schema', at: '"kxxx' }],
    check: ({ text }) => assert.ok(text.length < 2_000, `text output is ${text.length} characters`),
  },
  {
    name: 'a feedbackType of 1 MB: the message quotes its start only',
    files: () => ({ 'long.sfjob.json': job({ feedbackType: 'c'.repeat(1_000_000) }) }),
    expect: [{ file: 'long.sfjob.json', code: 'schema', at: '"cccc' }],
    check: ({ text }) => assert.ok(text.length < 2_000, `text output is ${text.length} characters`),
  },
  {
    name: '20,000 mapping fields',
    files: () => ({ 'fields.sfjob.json': compactJob({ mapping: { fields: Array.from({ length: 20_000 }, (_, i) => ({ source: 'Description', name: `f${i}`, type: 'text' })) } }) }),
    expect: [{ file: 'fields.sfjob.json', code: 'schema', at: '[{"source"' }],
  },
  {
    name: '1,000 mapping fields that name fields the query does not select',
    files: () => ({ 'fields.sfjob.json': job({ mapping: { fields: Array.from({ length: 1_000 }, (_, i) => ({ source: `Missing_Field_${i}__c`, type: 'text' })) } }) }),
    expect: [{ file: 'fields.sfjob.json', code: 'field-not-selected', at: '"Missing_Field_0__c"' }],
  },
  {
    name: '20,000 redaction patterns in the job',
    files: () => ({ 'redact.sfjob.json': compactJob({ redactions: Array.from({ length: 20_000 }, (_, i) => `secret-${i}-[0-9]{4}`) }) }),
    expect: [{ file: 'redact.sfjob.json', code: 'schema', at: '["secret-0' }],
  },
  {
    name: '20,000 lines in a redaction rule file',
    files: () => ({
      'redact.sfjob.json': job({ redactions: { file: 'rules/pii.redactions' } }),
      'rules/pii.redactions': Array.from({ length: 20_000 }, (_, i) => `secret-${i}-[0-9]{4}`).join('\n'),
    }),
    expect: [{ file: 'redact.sfjob.json', code: 'rule-file', at: '"rules/pii.redactions"' }],
  },
  {
    name: '20,000 substitutions',
    files: () => ({ 'subst.sfjob.json': compactJob({ substitutions: Array.from({ length: 20_000 }, (_, i) => ({ find: `w${i}`, replace: 'x' })) }) }),
    expect: [{ file: 'subst.sfjob.json', code: 'schema', at: '[{"find":"w0"' }],
  },
  {
    name: 'a lookup table of 20,000 entries',
    files: () => ({
      'lookup.sfjob.json': compactJob({
        mapping: { fields: [{ source: 'Subject', type: 'text', transform: { lookup: { table: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`v${i}`, `r${i}`])) } } }] },
      }),
    }),
    expect: [{ file: 'lookup.sfjob.json', code: 'schema', at: '{"v0"' }],
  },
  {
    name: 'a query of 1 MB',
    files: () => ({ 'query.sfjob.json': job({ query: `SELECT Id, Subject, Description, CreatedDate FROM Case WHERE Subject IN (${Array.from({ length: 90_000 }, (_, i) => `'S${i}'`).join(', ')})` }) }),
    expect: [{ file: 'query.sfjob.json', code: 'soql-unsupported', at: (content) => content.indexOf('"SELECT') + 1 + 100_000 }],
  },
  {
    name: 'a filter nested 100,000 parentheses deep',
    files: () => ({ 'filter.sfjob.json': job({ filter: nested(100_000, '(', ')', 'Subject = "x"') }) }),
    expect: [{ file: 'filter.sfjob.json', code: 'expression-invalid', at: '((((' }],
  },
  {
    name: 'a filter nested 3,000 parentheses deep, within the length limit',
    files: () => ({ 'filter.sfjob.json': job({ filter: nested(3_000, '(', ')', 'Subject = "x"') }) }),
    expect: [{ file: 'filter.sfjob.json', code: 'expression-invalid', at: '((((' }],
  },
  {
    name: 'a filter of 2,400 NOTs, within the length limit',
    files: () => ({ 'filter.sfjob.json': job({ filter: `${'NOT '.repeat(2_400)}ISBLANK(Subject)` }) }),
    expect: [{ file: 'filter.sfjob.json', code: 'expression-invalid', at: 'NOT NOT' }],
  },
  {
    name: 'a filter chaining 700 fields with "&", then compared with a number',
    files: () => ({ 'filter.sfjob.json': job({ filter: `${Array.from({ length: 700 }, () => 'Subject').join(' & ')} = 1` }) }),
    expect: [{ file: 'filter.sfjob.json', code: 'expression-invalid', at: (content) => content.indexOf(' = 1"') + 3 }],
  },
  {
    name: 'a filter of 1 MB of NOT',
    files: () => ({ 'filter.sfjob.json': job({ filter: `${'NOT '.repeat(250_000)}ISBLANK(Subject)` }) }),
    expect: [{ file: 'filter.sfjob.json', code: 'expression-invalid', at: 'NOT NOT' }],
  },
  {
    name: 'a transform expression nested 1,500 function calls deep',
    files: () => ({ 'expr.sfjob.json': job({ mapping: { fields: [{ source: 'Subject', type: 'text', transform: { expression: nested(1_500, 'TRIM(', ')', 'VALUE') } }] } }) }),
    expect: [{ file: 'expr.sfjob.json', code: 'expression-invalid', at: 'TRIM(TRIM(' }],
  },
  {
    name: 'a misspelled connection among 5,000 connection names',
    files: () => ({
      'sfjob.connections.json': JSON.stringify({ connections: { local, ...Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`org-${i}`, local])) } }),
      'conn.sfjob.json': job({ connection: 'locla' }),
    }),
    expect: [{ file: 'conn.sfjob.json', code: 'unknown-connection', at: '"locla"' }],
  },
  // Nesting: no recursive walk may exhaust the stack; the other files are still checked and SARIF written.
  {
    name: '400 KB of "[" beside a job with a mistake: both reported, SARIF written',
    files: () => ({ 'deep.sfjob.json': '['.repeat(400_000), 'other.sfjob.json': job({ bogus: 1 }) }),
    expect: [
      { file: 'deep.sfjob.json', code: 'json-syntax', at: 64 },
      { file: 'other.sfjob.json', code: 'schema', at: '"bogus"' },
    ],
  },
  {
    name: 'objects nested 200,000 deep',
    files: () => ({ 'deep.sfjob.json': nested(200_000, '{"a":', '}') }),
    expect: [{ file: 'deep.sfjob.json', code: 'json-syntax', at: 64 * 5 }],
  },
  {
    name: 'a connections file nested 100,000 deep',
    files: () => ({ 'sfjob.connections.json': `{"connections": ${nested(100_000, '[', ']')}}`, 'ok.sfjob.json': job({ bogus: 1 }) }),
    expect: [
      { file: 'sfjob.connections.json', code: 'json-syntax', at: 16 + 63 },
      { file: 'ok.sfjob.json', code: 'schema', at: '"bogus"' },
    ],
  },
  {
    name: 'brackets inside strings and nesting within the limit are not refused',
    files: () => ({ 'strings.sfjob.json': job({ description: '['.repeat(300_000), extra: JSON.parse(nested(60, '[', ']')) }) }),
    expect: [{ file: 'strings.sfjob.json', code: 'schema', at: '"extra"' }],
    check: ({ json }) => assert.deepEqual(diagnosticsOf(json, 'strings.sfjob.json').map((d) => d.code), ['schema']),
  },
  {
    name: 'a sample file of 400 KB of "["',
    files: () => ({ 'deep.sfjob.json': job({ bogus: 1 }), 'deep.sample.json': '['.repeat(400_000) }),
    expect: [{ file: 'deep.sfjob.json', code: 'schema', at: '"bogus"' }],
  },
  // Globs from files in the pull request run in linear time.
  {
    name: '.sfjobignore "*a*a*a*a*a*a*b" against a 250-character name',
    files: () => ({ '.sfjobignore': '*a*a*a*a*a*a*b\n**/*a*a*a*a*a*a*a*a*b/**\n', [LONG_NAME]: job({ bogus: 1 }), [`${'a/'.repeat(400)}deep.sfjob.json`]: job({ bogus: 2 }) }),
    expect: [
      { file: LONG_NAME, code: 'schema', at: '"bogus"' },
      { file: `${'a/'.repeat(400)}deep.sfjob.json`, code: 'schema', at: '"bogus"' },
    ],
  },
  {
    name: '.sfjobignore with many stars still skips what it names',
    files: () => ({ '.sfjobignore': 'ign*a*a*a*a*a*.sfjob.json\n', 'ignaaaaaaaaaaa.sfjob.json': '{', 'kept.sfjob.json': job({ bogus: 1 }) }),
    expect: [{ file: 'kept.sfjob.json', code: 'schema', at: '"bogus"' }],
    check: ({ text }) => assert.doesNotMatch(text, /ignaaaa/),
  },
  {
    name: 'a command-line glob with many stars against long names',
    args: ['**/*a*a*a*a*a*a*a*a*a*.sfjob.json'],
    files: () => ({ [LONG_NAME]: job({ bogus: 1 }) }),
    expect: [{ file: LONG_NAME, code: 'schema', at: '"bogus"' }],
  },
  {
    name: 'a .sfjobignore of 5,000 patterns is refused at the line past the limit',
    files: () => ({ '.sfjobignore': Array.from({ length: 5_000 }, (_, i) => `*a*${i}*b`).join('\n'), 'kept.sfjob.json': job({ bogus: 1 }) }),
    expect: [],
    usage: /^sfjob validate: \.sfjobignore:201: this \.sfjobignore holds more than 200 patterns/,
  },
  {
    name: 'a .sfjobignore of 1 MB is refused before it is read',
    files: () => ({ '.sfjobignore': `# ${'x'.repeat(1_000_000)}\n`, 'kept.sfjob.json': job({ bogus: 1 }) }),
    expect: [],
    usage: /^sfjob validate: \.sfjobignore:1: this \.sfjobignore is larger than 64 KB/,
  },
  // Text from the files never becomes a CI command or a terminal escape.
  {
    name: 'an unknown key that forges a GitHub workflow command',
    files: () => ({ 'forge.sfjob.json': job({ 'x\n::error file=README.md,line=1::forged\r\n::add-mask::x': 1 }) }),
    expect: [{ file: 'forge.sfjob.json', code: 'schema', at: '"x\\n::error' }],
    check: ({ json, sarif }) => {
      assert.match(diagnosticsOf(json, 'forge.sfjob.json')[0].message, /Unknown key "x\n::error file=README\.md,line=1::forged\r\n::add-mask::x"/);
      assert.match(sarif.runs[0].results[0].message.text, /"x\n::error file=README\.md/);
    },
  },
  {
    name: 'an unknown key that forges a legacy "##[error]" command',
    files: () => ({ 'forge.sfjob.json': job({ '\n##[error]forged\n  ::warning::forged': 1 }) }),
    expect: [{ file: 'forge.sfjob.json', code: 'schema', at: '"\\n##[error]' }],
  },
  {
    name: 'ANSI escape sequences and bidirectional controls in keys and values',
    files: () => ({ 'ansi.sfjob.json': job({ connection: 'lo\u202ecal\u001b[2J', '\u001b[31mred\u001b[0m\u0007\u0008': 1 }) }),
    expect: [
      { file: 'ansi.sfjob.json', code: 'schema', at: '"\\u001b[31m' },
      { file: 'ansi.sfjob.json', code: 'unknown-connection', at: '"lo' },
    ],
    check: ({ json }) => assert.ok(diagnosticsOf(json, 'ansi.sfjob.json').some((d) => d.message.includes('\u001b[31mred'))),
  },
  {
    name: 'a job file named like a workflow command',
    files: () => ({ '::error file=README.md::forged.sfjob.json': job({ bogus: 1 }) }),
    expect: [{ file: '::error file=README.md::forged.sfjob.json', code: 'schema', at: '"bogus"' }],
    check: ({ text }) => assert.match(text, /^\.\/::error file=README\.md::forged\.sfjob\.json:\d+:\d+: error schema/m),
  },
  {
    name: 'a job file whose name holds a line break and an escape',
    files: () => ({ 'x\n::warning::forged\u001b[1m.sfjob.json': job({ bogus: 1 }) }),
    expect: [{ file: 'x\n::warning::forged\u001b[1m.sfjob.json', code: 'schema', at: '"bogus"' }],
    check: ({ text }) => assert.match(text, /^x\\n::warning::forged\\u001b\[1m\.sfjob\.json:\d+:\d+: error schema/m),
  },
  // Connections: no look-alike names, no plain http to other hosts, no private keys in the workspace.
  {
    name: 'connections "acme-prod" and "acme.prod" read the same secrets',
    files: () => ({
      'sfjob.connections.json': connections({ local, 'acme-prod': { flow: 'password', clientId: 'app', username: 'u@acme.example' }, 'acme.prod': { environmentUrl: 'https://collector.attacker.example', flow: 'password', clientId: 'app', username: 'u@acme.example' } }),
      'steal.sfjob.json': job({ connection: 'acme.prod' }),
    }),
    expect: [{ file: 'sfjob.connections.json', code: 'schema', at: '"acme.prod"' }],
    check: ({ text }) => assert.match(text, /Connections "acme-prod" and "acme\.prod" read the same environment variables \(SFJOB_ACME_PROD_…\)/),
  },
  {
    name: 'connections "ACME_PROD" and "acme-prod" differ only in case and punctuation',
    files: () => ({ 'sfjob.connections.json': connections({ local, ACME_PROD: { flow: 'sfCli', sfCliAlias: 'a' }, 'acme-prod': { flow: 'sfCli', sfCliAlias: 'b' } }) }),
    expect: [{ file: 'sfjob.connections.json', code: 'schema', at: '"acme-prod"' }],
  },
  {
    name: 'a plain-http login URL to a remote host',
    files: () => ({ 'sfjob.connections.json': connections({ local, remote: { ...local, environmentUrl: 'http://acme.my.salesforce.com' } }) }),
    expect: [{ file: 'sfjob.connections.json', code: 'schema', at: '"http://acme.my.salesforce.com"' }],
  },
  {
    name: 'plain-http login URLs that only look like loopback, beside real loopback ones that pass',
    files: () => ({
      'sfjob.connections.json': connections({
        local,
        v6: { ...local, environmentUrl: 'http://[::1]:4510' },
        named: { ...local, environmentUrl: 'http://localhost:4510' },
        trick1: { ...local, environmentUrl: 'http://127.0.0.1.attacker.example' },
        trick2: { ...local, environmentUrl: 'http://localhost.attacker.example:4510' },
      }),
    }),
    expect: [
      { file: 'sfjob.connections.json', code: 'schema', at: '"http://127.0.0.1.attacker.example"' },
      { file: 'sfjob.connections.json', code: 'schema', at: '"http://localhost.attacker.example:4510"' },
    ],
    check: ({ json }) => assert.equal(diagnosticsOf(json, 'sfjob.connections.json').length, 2),
  },
  {
    name: 'a jwtKeyFile inside the workspace',
    files: () => ({
      'sfjob.connections.json': connections({ local, ci: { flow: 'jwt', clientId: 'app', username: 'u@x', jwtKeyFile: 'keys/server.key' } }),
      'keys/server.key': JWT_KEY_CONTENT,
    }),
    expect: [{ file: 'sfjob.connections.json', code: 'secret-in-file', at: '"keys/server.key"' }],
    check: ({ text }) => assert.ok(!text.includes(JWT_KEY_CONTENT.split('\n')[1].slice(0, 12))),
  },
  {
    name: 'a jwtKeyFile that climbs back into the workspace, beside one outside it that passes',
    files: () => ({
      'sfjob.connections.json': connections({
        local,
        ci: { flow: 'jwt', clientId: 'app', username: 'u@x', jwtKeyFile: '../repo/keys/server.key' },
        outside: { flow: 'jwt', clientId: 'app', username: 'u@x', jwtKeyFile: '../home/.config/sfjob/server.key' },
      }),
    }),
    expect: [{ file: 'sfjob.connections.json', code: 'secret-in-file', at: '"../repo/keys/server.key"' }],
    check: ({ json }) => assert.equal(diagnosticsOf(json, 'sfjob.connections.json').length, 1),
  },
  {
    name: 'an access token written in the job is reported, never echoed',
    files: () => ({ 'token.sfjob.json': job({ description: `debug with ${ACCESS_TOKEN_SHAPED}` }) }),
    expect: [{ file: 'token.sfjob.json', code: 'secret-in-file', at: '00D5g' }],
    check: ({ text, json }) => {
      assert.ok(!text.includes(ACCESS_TOKEN_SHAPED.slice(18, 30)));
      assert.ok(!JSON.stringify(json).includes(ACCESS_TOKEN_SHAPED.slice(18, 30)));
    },
  },
];

interface Figure {
  name: string;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}
const figures: Figure[] = [];

function assertSafe(run: MeasuredRun, what: string): void {
  const all = `${run.stdout}\n${run.stderr}\n${run.written ?? ''}`;
  assert.equal(leakedIn(all), undefined, `${what}: printed part of a planted secret`);
  assert.doesNotMatch(all, /\n\s+at .+[:(].*\d+:\d+\)?\n|Maximum call stack|RangeError|TypeError/, `${what}: a stack trace or a crash`);
  assert.ok(run.cpuMs < cpuBudgetMs(), `${what}: ${Math.round(run.cpuMs)} ms of CPU (budget ${cpuBudgetMs()} ms at load ${os.loadavg()[0].toFixed(1)})`);
  assert.ok(run.peakRssMb < MAX_RSS_MB, `${what}: ${Math.round(run.peakRssMb)} MB`);
  assert.ok(run.wallMs < wallBudgetMs(), `${what}: ${Math.round(run.wallMs)} ms of wall time (budget ${Math.round(wallBudgetMs())} ms at load ${os.loadavg()[0].toFixed(1)})`);
}

/** Every line GitHub's runner would read as a command must be one of ours, about a file we checked. */
function assertNoForgedCommands(output: string, format: string): void {
  for (const line of output.split('\n')) {
    const trimmed = line.trimStart();
    if (format === 'github' && trimmed.startsWith('::')) {
      assert.match(trimmed, /^::(error|warning|notice) file=[^,:\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=sfjob [a-z-]+::/, `a forged command: ${line.slice(0, 120)}`);
    } else {
      assert.ok(!trimmed.startsWith('::') && !trimmed.startsWith('##['), `${format} output has a line GitHub reads as a command: ${line.slice(0, 120)}`);
    }
    assert.doesNotMatch(line, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, `${format} output has a raw control character`);
  }
}

function sarifHas(sarif: SarifLog, file: string, code: string, line: number, column: number): boolean {
  return sarif.runs[0].results.some((r) => {
    const location = r.locations[0].physicalLocation;
    return r.ruleId === code && decodeURI(location.artifactLocation.uri) === file && location.region.startLine === line && location.region.startColumn === column;
  });
}

describe('hostile input: pull requests cannot crash, stall, fool or rob sfjob validate', function () {
  this.timeout(300_000);

  before(measureStartup);

  after(() => {
    console.log(`\n      a clean validate: ${Math.round(startupWallMs)} ms wall, ${Math.round(startupCpuMs)} ms CPU (the budgets are 2 s beyond these)`);
    const rows = figures.map((f) => `${f.name.slice(0, 78).padEnd(78)} ${String(Math.round(f.wallMs)).padStart(7)} ${String(Math.round(f.cpuMs)).padStart(7)} ${f.peakRssMb.toFixed(0).padStart(7)}`);
    console.log(`\n      ${'case (the most of its runs)'.padEnd(78)} ${'wall ms'.padStart(7)} ${'cpu ms'.padStart(7)} ${'peak MB'.padStart(7)}\n      ${rows.join('\n      ')}\n`);
  });

  for (const testCase of CASES) {
    it(testCase.name, () => {
      const files = testCase.files();
      const ws = new HostileWorkspace(files);
      try {
        const runs: MeasuredRun[] = [];
        const sarifRun = runValidate(ws, [...(testCase.args ?? []), '--format', 'sarif'], 'out.sarif');
        runs.push(sarifRun);
        if (testCase.usage) {
          figures.push({ name: testCase.name, wallMs: sarifRun.wallMs, cpuMs: sarifRun.cpuMs, peakRssMb: sarifRun.peakRssMb });
          assert.equal(sarifRun.status, 2, sarifRun.stderr);
          assert.match(sarifRun.stderr, testCase.usage);
          assertSafe(sarifRun, 'sarif');
          assertNoForgedCommands(sarifRun.stderr, 'text');
          return;
        }
        const githubRun = runValidate(ws, [...(testCase.args ?? []), '--format', 'github']);
        const jsonRun = runValidate(ws, [...(testCase.args ?? []), '--format', 'json'], 'out.json');
        runs.push(githubRun, jsonRun);
        // Recorded before the checks, so the table also shows the figures of a case that fails them.
        figures.push({ name: testCase.name, wallMs: Math.max(...runs.map((r) => r.wallMs)), cpuMs: Math.max(...runs.map((r) => r.cpuMs)), peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) });
        for (const [run, format] of [[sarifRun, 'sarif'], [githubRun, 'github'], [jsonRun, 'json']] as const) {
          assert.equal(run.status, 1, `${format}: exit ${run.status}\n${run.stderr.slice(0, 500)}`);
          assert.equal(run.stderr, '', `${format}: wrote to standard error`);
          assertSafe(run, format);
        }
        // With --output, the text report goes to standard output: both runs print it.
        assertNoForgedCommands(sarifRun.stdout, 'text');
        assertNoForgedCommands(githubRun.stdout, 'github');
        assert.ok(sarifRun.written && jsonRun.written, 'the report file was written');
        const outputs: Outputs = { text: sarifRun.stdout, github: githubRun.stdout, sarif: JSON.parse(sarifRun.written) as SarifLog, json: JSON.parse(jsonRun.written) as JsonReport };
        assert.equal(jsonRun.stdout, sarifRun.stdout);

        for (const expected of testCase.expect) {
          const content = files[expected.file] ?? '';
          const { line, column } = positionOf(content.toString(), offsetOf(content.toString(), expected.at, expected.occurrence));
          assert.ok(sarifHas(outputs.sarif, expected.file, expected.code, line, column), `SARIF has no ${expected.code} at ${expected.file}:${line}:${column}`);
          const jsonFile = outputs.json.files.find((f) => f.path === expected.file);
          assert.ok(jsonFile?.diagnostics.some((d) => d.code === expected.code && d.range.start.line === line - 1 && d.range.start.character === column - 1), `JSON has no ${expected.code} at ${line}:${column}`);
          assert.ok(outputs.text.includes(`:${line}:${column}: error ${expected.code}: `), `text has no ${expected.code} at ${line}:${column}`);
          assert.ok(outputs.github.includes(`,line=${line},col=${column},`), `github has no annotation at ${line}:${column}`);
        }
        testCase.check?.(outputs);
      } finally {
        ws.remove();
      }
    });
  }
});
