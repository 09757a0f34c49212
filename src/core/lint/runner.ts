import type { Diagnostic } from '../diagnostics';
import { NEED_KEYS, type LintContext, type LintNeed, type LintRule, type Satisfied } from './types';

function needsMet(rule: LintRule, context: LintContext): boolean {
  return rule.needs.every((need) => context[NEED_KEYS[need]] !== undefined);
}

/**
 * Runs every rule whose needs the context meets. A rule that throws is a bug in the rule, not in the
 * user's file; it is reported as such rather than taking the other rules' findings down with it.
 */
export function runRules(rules: readonly LintRule[], context: LintContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (!needsMet(rule, context)) continue;
    try {
      out.push(...rule.check(context as Satisfied<LintNeed>));
    } catch (error) {
      out.push({
        code: 'schema',
        severity: 'warning',
        message: `Internal error in the "${rule.id}" check (${(error as Error).message}); the other checks ran. Please report this with the job file.`,
        range: context.doc.lines.rangeOf(0, 0),
      });
    }
  }
  return out;
}
