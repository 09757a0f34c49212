import { checksFailed } from '../core/lint/runner';
import { validateJob } from '../core/validate';
import type { ValidationResult } from '../core/validate-api';
import { openJobWorkspace, type FileAccess, type JobWorkspace } from '../core/workspace';

export interface JobCheck {
  result: ValidationResult;
  workspace: JobWorkspace;
  /** Every file the check looked at, found or not: a change to one of them calls for a new check. */
  filesRead: string[];
}

/**
 * The offline check of one job file as both faces run it: "sfjob validate" over the file system, the
 * editor over its open documents first. Same workspace rules, same files, so the same diagnostics.
 */
export function checkJobText(jobPath: string, text: string, files: FileAccess, options: { now?: Date; restricted?: boolean } = {}): JobCheck {
  const workspace = openJobWorkspace(jobPath, text, files, { restricted: options.restricted === true });
  let result: ValidationResult;
  try {
    result = validateJob(text, workspace.validationContext(options.now));
  } catch (error) {
    // A check that cannot finish is shown where the other problems are, in the words "sfjob validate" uses.
    result = { diagnostics: [checksFailed(error)] };
  }
  return { result, workspace, filesRead: workspace.filesRead() };
}
