import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedJob } from '../core/job/resolve';
import { defaultCompilers } from '../core/run/compilers';
import { compileRunPlan, type Compilers, type RunPlan } from '../core/run/plan';
import { resolveRules } from '../core/run/rule-files';

/**
 * Compiles a job for a run or a preview: rule files read beside the job, expressions and patterns
 * compiled. Throws with every problem listed, before a single record is read.
 */
export function planJob(job: ResolvedJob, jobPath: string, compilers: Compilers = defaultCompilers()): RunPlan {
  const jobFolder = path.dirname(jobPath);
  const rules = resolveRules(job, (relative) => {
    try {
      return fs.readFileSync(path.resolve(jobFolder, relative), 'utf8');
    } catch {
      return undefined;
    }
  });
  const problems = rules.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`);
  if (problems.length === 0) {
    const result = compileRunPlan(job, rules, compilers);
    if (result.ok) return result.plan;
    problems.push(...result.problems);
  }
  throw new Error(`${jobPath} cannot run: ${problems.join('; ')}. Run "sfjob validate ${jobPath}" for details.`);
}
