import type { ResolvedJob } from '../core/job/resolve';
import { defaultCompilers } from '../core/run/compilers';
import { compileRunPlan, type Compilers, type RunPlan } from '../core/run/plan';
import { resolveRules } from '../core/run/rule-files';
import { openJobWorkspace, type FileAccess } from '../core/workspace';
import { fileSystemAccess } from '../store';
import { cliRemedy } from '../core/remedies';

/**
 * Compiles a job for a run or a preview: rule files read through the job's workspace (inside it, within
 * their size limit), expressions and patterns compiled. Throws with every problem listed, before a
 * single record is read.
 */
export function planJob(job: ResolvedJob, jobPath: string, compilers: Compilers = defaultCompilers(), files: FileAccess = fileSystemAccess): RunPlan {
  const workspace = openJobWorkspace(jobPath, undefined, files);
  const refused: string[] = [];
  const rules = resolveRules(job, (name) => {
    const opened = workspace.openFile(name, 'rule-file');
    if (opened.ok) return opened.text;
    if (opened.problem !== 'missing') refused.push(name);
    return undefined;
  });
  const problems = rules.problems.map((problem) =>
    refused.includes(problem.file) ? `${problem.file}: the rule file is outside the workspace, not a regular file, or too large` : `${problem.file}:${problem.line}: ${problem.message}`,
  );
  if (problems.length === 0) {
    const result = compileRunPlan(job, rules, compilers);
    if (result.ok) return result.plan;
    problems.push(...result.problems);
  }
  throw new Error(`${jobPath} cannot run: ${problems.join('; ')}. Run ${cliRemedy('validate', jobPath)} for details.`);
}
