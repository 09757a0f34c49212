import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/cli';

/**
 * Seeded property runs for the reliability suite. One seed for the whole process, taken from
 * SFJOB_FUZZ_SEED when set (to replay a failure) or else from the clock; a failure names the seed and
 * the command that replays it. Every input tried is counted, so the suite can report how many it tried.
 */

export const FUZZ_SEED = process.env.SFJOB_FUZZ_SEED ? Number(process.env.SFJOB_FUZZ_SEED) : Date.now() % 2_147_483_647;

const tally = new Map<string, number>();

/** Inputs tried so far, by subject (job files, SOQL, …). */
export function inputsTried(): ReadonlyMap<string, number> {
  return tally;
}

export function count(subject: string, inputs = 1): void {
  tally.set(subject, (tally.get(subject) ?? 0) + inputs);
}

/** Checks a property with the suite's seed; the thrown error says how to replay it. */
export function check<T>(subject: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns: number): void {
  const result = fc.check(
    fc.property(arbitrary, (value) => {
      count(subject);
      predicate(value);
    }),
    { seed: FUZZ_SEED, numRuns },
  );
  if (result.failed) {
    const reason = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(
      `${subject}: property failed with seed ${FUZZ_SEED} (path ${result.counterexamplePath ?? '?'}) on ${JSON.stringify(result.counterexample).slice(0, 400)}\n${reason}\n` +
        `Replay with: SFJOB_FUZZ_SEED=${FUZZ_SEED} npx mocha ${path.relative(REPO_ROOT, __dirname)}`,
    );
  }
}

/** The async form, for properties that talk to a server or the disk. */
export async function checkAsync<T>(subject: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, numRuns: number): Promise<void> {
  const result = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      count(subject);
      await predicate(value);
    }),
    { seed: FUZZ_SEED, numRuns },
  );
  if (result.failed) {
    const reason = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(`${subject}: property failed with seed ${FUZZ_SEED} on ${JSON.stringify(result.counterexample).slice(0, 400)}\n${reason}\nReplay with: SFJOB_FUZZ_SEED=${FUZZ_SEED}`);
  }
}

/**
 * How long one check of one small input may take. Generous, because the machine may be busy with
 * other work; a backtracking blow-up or a loop takes far longer than this.
 */
export const BOUND_MS = 3_000;

export function timed<T>(label: string, work: () => T, boundMs = BOUND_MS): T {
  const started = performance.now();
  const result = work();
  const took = performance.now() - started;
  if (took > boundMs) throw new Error(`${label} took ${Math.round(took)} ms, over the bound of ${boundMs} ms`);
  return result;
}

/** Text pieces that matter to the parsers: JSON, job keys, SOQL words, expression and regex syntax. */
const PIECES = [
  '{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '\\ud800', 'null', 'true', 'false', '0', '-1', '1e309', '""', '/*', '*/', '//', '\n',
  '"query"', '"dateField"', '"mapping"', '"fields"', '"source"', '"schedule"', '"filter"', '"redactions"', '"substitutions"', '"sample"',
  '"output"', '"recordLimit"', '"file"', '"feedbackType"', '"connection"', '"transform"', '"regex"', '"pattern"', '"expression"',
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'ORDER BY', 'LIMIT', 'OFFSET 5000', 'TYPEOF', 'COUNT()', '(', ')', "'", ':bind', 'IN', 'LIKE',
  'AND(', 'OR(', 'NOT(', 'IF(', 'ISBLANK(', 'TODAY()', 'NOW()', 'LEN(', 'VALUE(', '&', '=', '!=', '<=', '+', '/', '*',
  '(a+)+', '(?=x)', '\\1', '[', '{1,1000}', '*', '+?', '|', '^', '$', '.*', '\\d', '(?i)',
  '\u0000', '\u202e', '😀', 'É', ' ', '\t',
];

type Edit =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'truncate'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }), fc.json({ maxDepth: 2 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }), to: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(text: string, change: Edit): string {
  const at = text.length === 0 ? 0 : change.at % (text.length + 1);
  switch (change.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.length);
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'duplicate': {
      const piece = text.slice(at, at + change.length);
      const to = change.to % (text.length + 1);
      return text.slice(0, to) + piece + text.slice(to);
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

/** A text made from `original` by one to four edits that tend to break parsers in interesting places. */
export function mutationOf(original: string): fc.Arbitrary<string> {
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => edits.reduce(apply, original));
}

export const EXAMPLES = path.join(REPO_ROOT, 'examples');

/** Every file of the examples folder (broken ones too), by path relative to it. */
export function exampleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(EXAMPLES, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(EXAMPLES);
  return files;
}

/**
 * Path pieces that try to leave a workspace or reach something that is not a plain file: parent steps,
 * absolute roots, the process's own files, devices, the links and special files a hostile workspace
 * can hold (see HOSTILE_ENTRIES), odd characters.
 */
const PATH_PIECES = [
  '..', '.', '', '/', '//', '\\', '~', '%2e%2e', '..%2f', '...', '/proc/self/environ', '/proc/self/cmdline', '/proc/self/fd/0', '/dev/zero',
  '/dev/random', '/dev/stdin', '/etc/passwd', '/tmp', 'link-out', 'link-in', 'linked-folder', 'dangling', 'fifo', 'folder', 'big', 'plain.json',
  'rules.txt', 'sfjob.connections.json', '.sfjob', 'describe', '\u0000', '\n', '\u202e', ' ', 'É', '😀',
];

/** Whole paths that reach something outside a workspace laid out as the hostile-paths suite lays it out. */
const ESCAPES = [
  '/etc/passwd', '/proc/self/environ', '/dev/zero', '../link-out', '../linked-folder/secret.txt', '../../outside/secret.txt', '../fifo',
  '../folder', '../big.sample.json', './../link-out', '..//linked-folder/./secret.txt', '../jobs/../../outside/secret.txt',
];

/**
 * A path a job might name: a known escape, or pieces joined by "/" (sometimes absolute), as a hostile
 * job file would write them.
 */
export const hostilePath: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...ESCAPES),
  fc
    .tuple(fc.boolean(), fc.array(fc.oneof(fc.constantFrom(...PATH_PIECES, 'outside', 'secret.txt'), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 }))
    .map(([absolute, pieces]) => `${absolute ? '/' : ''}${pieces.join('/')}`),
);

/** The kinds of entry a hostile workspace can hold under a name a job points at. */
export type HostileEntry = 'plain' | 'folder' | 'fifo' | 'link-out' | 'link-in' | 'linked-folder' | 'dangling' | 'big';

export const HOSTILE_ENTRIES: readonly HostileEntry[] = ['plain', 'folder', 'fifo', 'link-out', 'link-in', 'linked-folder', 'dangling', 'big'];

/** One file kind and a path that may or may not reach it, for properties over both. */
export const hostileEntryAndPath: fc.Arbitrary<{ entry: HostileEntry; path: string }> = fc.record({
  entry: fc.constantFrom(...HOSTILE_ENTRIES),
  path: fc.oneof(hostilePath, fc.constantFrom(...HOSTILE_ENTRIES).map((name) => `../${name}`), fc.constantFrom(...HOSTILE_ENTRIES)),
});
