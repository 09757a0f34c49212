/**
 * Runs every benchmark in bench/ (each file but this one and bench/lib/), one process each so one
 * benchmark's warm caches never flatter another's cold figures. Each benchmark prints JSON lines
 * {"bench","metric","value","unit","baseline"?,"ratio"?}; they are passed through as they come.
 *
 *   npm run bench                      every benchmark, full size (about ten minutes on two cores)
 *   npm run bench -- --quick           the same figures from smaller runs (about two minutes)
 *   npm run bench -- validate pipeline only the benchmarks whose file name contains a word given
 *   npm run bench -- --no-build        skip building dist/ first
 *
 * dist/ is first built with --production, as `npm run package` builds it, so the end-to-end, memory and
 * extension figures are those of the shipped code.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const benchDir = __dirname;
const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.SFJOB_BENCH_QUICK === '1';
const build = !args.includes('--no-build');
const filters = args.filter((arg) => !arg.startsWith('--'));
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

if (build) {
  const result = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: path.resolve(benchDir, '..'), stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('bench: the production build failed\n');
    process.exit(1);
  }
}

const env = { ...process.env, ...(quick ? { SFJOB_BENCH_QUICK: '1' } : {}) };
let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(benchDir, file)], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) {
    failed++;
    process.stderr.write(`bench ${file} failed with exit code ${result.status}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
