/**
 * `sfjob validate` over a folder of 200 job files, as a CI step runs it: wall time of the whole command
 * (start-up included), from dist/cli.js in a child process. The folder holds the example jobs copied into
 * 50 subfolders, each with its samples, rule files and connections file, every job under a name of its
 * own. The baseline is the same command on one of those folders (4 jobs), so the ratio shows what the
 * other 196 files add to the start-up every run pays. Goal: under 3 s.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, report } from './lib/measure';
import { CLI, QUICK, REPO_ROOT } from './lib/processes';

const MAX_RSS_PRELOAD = path.join(__dirname, 'lib', 'max-rss.js');

const FOLDERS = 50;
const examples = path.join(REPO_ROOT, 'examples');

/** Copies the examples (jobs, samples, rules, connections) into `FOLDERS` subfolders; returns the job count. */
function makeFolder(root: string): number {
  let jobs = 0;
  for (let i = 0; i < FOLDERS; i++) {
    const dir = path.join(root, `team-${String(i).padStart(2, '0')}`);
    fs.cpSync(examples, dir, { recursive: true, filter: (source) => !/[\\/](out|\.sfjob|broken)$/.test(source) });
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sfjob.json'))) {
      const full = path.join(dir, file);
      // Only the job's own name changes (its first "name" key), so each job writes to output files of its own.
      fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace(/"name":\s*"([^"]*)"/, (_whole, name: string) => `"name": "${name} ${i}"`));
      jobs++;
    }
  }
  return jobs;
}

/** Wall and CPU time of one `sfjob validate`; the child reports its own CPU time on exit (see max-rss.js). */
function validateTimes(target: string): { ms: number; cpuMs: number; status: number | null; stdout: string } {
  const cpuFile = path.join(os.tmpdir(), `sfjob-bench-cpu-${process.pid}-${Date.now()}`);
  const env = { ...process.env, SFJOB_BENCH_CPU_FILE: cpuFile, NODE_OPTIONS: `--require ${MAX_RSS_PRELOAD}` };
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [CLI, 'validate', target], { encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuMs = Number(fs.readFileSync(cpuFile, 'utf8')) / 1000;
  fs.rmSync(cpuFile, { force: true });
  return { ms, cpuMs, status: result.status, stdout: result.stdout };
}

function main(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfjob-bench-validate-'));
  try {
    const jobs = makeFolder(root);
    const one = path.join(root, 'team-00');
    const first = validateTimes(root);
    if (first.status !== 0) throw new Error(`sfjob validate found problems in the copied examples:\n${first.stdout.slice(-2000)}`);
    const all: ReturnType<typeof validateTimes>[] = [];
    const single: ReturnType<typeof validateTimes>[] = [];
    // Alternated, so load from other processes falls on both alike.
    for (let round = 0; round < (QUICK ? 3 : 5); round++) {
      all.push(validateTimes(root));
      single.push(validateTimes(one));
    }
    const note = 'baseline: the same command on one folder of 4 jobs';
    const wall = median(all.map((t) => t.ms));
    const wallOne = median(single.map((t) => t.ms));
    report({ bench: 'validate-files', metric: `sfjob validate, ${jobs} job files, wall`, value: wall, unit: 'ms', baseline: wallOne, ratio: wall / wallOne, goal: '< 3000 ms', note });
    const cpu = median(all.map((t) => t.cpuMs));
    const cpuOne = median(single.map((t) => t.cpuMs));
    report({ bench: 'validate-files', metric: `sfjob validate, ${jobs} job files, CPU`, value: cpu, unit: 'ms', baseline: cpuOne, ratio: cpu / cpuOne, note });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
