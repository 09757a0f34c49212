/**
 * Peak resident memory of `sfjob run` (dist/cli.js as a child, reporting its own peak RSS on exit) at
 * 10,000, 100,000 and 1,000,000 records. The emulator runs in a process of its own holding the largest
 * count; the smaller runs read the same org with `recordLimit`, so every run pages the same query.
 * The goal: flat (at most 1.2× from the smallest to the largest) and under 200 MB.
 *
 * SFJOB_BENCH_COMPARE_CLI may name another build's cli.js (for example one built from main): its runs
 * then alternate with this build's against the same emulator, and its figures print beside ours.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { median, report } from './lib/measure';
import { CLI, createWorkspace, QUICK, startEmulatorProcess, timeChild } from './lib/processes';
import { SURVEY_JOB } from './lib/survey-job';

const COUNTS = QUICK ? [2_000, 20_000, 100_000] : [10_000, 100_000, 1_000_000];
/** Peak RSS depends on when the collector happens to run, so each count is run a few times and the median kept. */
const ROUNDS = QUICK ? 1 : 3;
const COMPARE_CLI = process.env.SFJOB_BENCH_COMPARE_CLI;

function emulatorPeakMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const largest = COUNTS[COUNTS.length - 1];
  // A little over the largest count: the run's window leaves out records stamped in its last minutes.
  const emulator = await startEmulatorProcess(Math.round(largest * 1.02));
  try {
    const builds = COMPARE_CLI ? [{ cli: CLI, label: '' }, { cli: path.resolve(COMPARE_CLI), label: ' (comparison build)' }] : [{ cli: CLI, label: '' }];
    const peaks = new Map<string, number[]>(builds.map((build) => [build.label, []]));
    for (const count of COUNTS) {
      const rounds = new Map<string, { mb: number; seconds: number }[]>(builds.map((build) => [build.label, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const build of builds) {
          const workspace = createWorkspace(emulator, { ...SURVEY_JOB, recordLimit: count });
          try {
            const run = await timeChild(process.execPath, [build.cli, 'run', workspace.jobPath, '--full', '--format', 'json'], { cwd: workspace.root, env: workspace.env });
            const runReport = JSON.parse(run.stdout) as { status: string; output?: { documents: number } };
            if (runReport.status !== 'succeeded' || runReport.output?.documents !== count) throw new Error(`the run of ${count} records ended ${runReport.status} with ${runReport.output?.documents} documents`);
            rounds.get(build.label)?.push({ mb: run.maxRssMb, seconds: run.ms / 1000 });
          } finally {
            workspace.remove();
          }
        }
      }
      for (const build of builds) {
        const measured = rounds.get(build.label) ?? [];
        const buildPeaks = peaks.get(build.label) ?? [];
        const peak = median(measured.map((r) => r.mb));
        buildPeaks.push(peak);
        report({
          bench: 'memory',
          metric: `sfjob run peak RSS at ${count} records${build.label}`,
          value: peak,
          unit: 'MB',
          baseline: buildPeaks[0],
          ratio: peak / buildPeaks[0],
          records: count,
          rounds: measured.map((r) => Math.round(r.mb)),
          seconds: Math.round(median(measured.map((r) => r.seconds)) * 10) / 10,
          goal: '< 200 MB, ratio <= 1.2',
        });
      }
    }
    report({ bench: 'memory', metric: `emulator peak RSS holding ${largest} survey responses`, value: emulatorPeakMb(emulator.pid), unit: 'MB' });
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`memory: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
