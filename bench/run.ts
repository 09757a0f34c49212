/**
 * Runs every benchmark in bench/ (each file but this one and bench/lib/), one process each so one
 * benchmark's warm caches never flatter another's cold figures. Each benchmark prints JSON lines
 * {"bench","metric","value","unit","baseline"?,"ratio"?}; they are passed through as they come.
 * `npm run bench -- validate pipeline` runs only the benchmarks whose file name contains a word given.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const benchDir = __dirname;
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(benchDir, file)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    failed++;
    process.stderr.write(`bench ${file} failed with exit code ${result.status}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
