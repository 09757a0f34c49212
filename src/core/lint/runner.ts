import type { Diagnostic } from '../diagnostics';
import { NEED_KEYS, type LintContext, type LintNeed, type LintRule, type Satisfied } from './types';

function needsMet(rule: LintRule, context: LintContext): boolean {
  return rule.needs.every((need) => context[NEED_KEYS[need]] !== undefined);
}

/**
 * Runs every rule whose needs the context meets. A rule that throws is a bug in the rule, not in the
 * user's file; it is reported as such (`internal-error`, a warning: sfjob does not know, so it says
 * "not checked" rather than "wrong") instead of taking the other rules' findings down with it. The
 * message names the check and never carries the error's text or stack, which may quote the file.
 */
export function runRules(rules: readonly LintRule[], context: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (!needsMet(rule, context)) continue;
    try {
      out.push(...rule.check(context as Satisfied<LintNeed>));
    } catch {
      out.push({
        code: 'internal-error',
        severity: 'warning',
        message: `The "${rule.id}" check failed inside sfjob, so ${rule.codes.length > 0 ? `what it checks (${rule.codes.join(', ')})` : 'what it checks'} was not checked; the other checks ran. Please report this with the job file.`,
        range: context.doc.lines.rangeOf(0, 0),
      });
    }
  }
  return out;
}

/**
 * The one diagnostic for a file whose checks could not finish at all: an error, since none of its checks
 * can be trusted to have run. Only the error's kind is shown; its text may quote the file.
 */
export function checksFailed(error: unknown): Diagnostic {
  const kind = error instanceof Error ? error.name : 'unknown error';
  const start = { line: 0, character: 0 };
  return {
    code: 'internal-error',
    severity: 'error',
    message: `The checks of this file failed inside sfjob (${kind}) before they finished, so it was not checked; the other files were checked. Please report it with the file.`,
    range: { start, end: start },
  };
}
