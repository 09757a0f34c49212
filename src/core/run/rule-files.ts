import type { ResolvedJob } from '../job/resolve';
import { excerpt } from '../workspace/excerpt';

/** Substitution and redaction rules, from the job file or from the rule files it points at. */

export interface SubstitutionRule {
  find: string;
  replace: string;
}

export interface RedactionRule {
  pattern: string;
  fields?: string[];
  mask?: string;
}

export interface RuleFileProblem {
  /** The rule file, as the job names it. */
  file: string;
  /** 1-based, as editors show it. */
  line: number;
  message: string;
}

export interface ResolvedRules {
  substitutions: SubstitutionRule[];
  redactions: RedactionRule[];
  problems: RuleFileProblem[];
}

/**
 * Turns the job's `substitutions` and `redactions` into rule lists. `readFile` reads a path relative to
 * the job file and returns undefined when it does not exist; the core never touches the disk itself.
 */
export function resolveRules(job: Pick<ResolvedJob, 'substitutions' | 'redactions'>, readFile: (relativePath: string) => string | undefined): ResolvedRules {
  const problems: RuleFileProblem[] = [];
  const readRuleFile = (file: string): string | undefined => {
    const text = readFile(file);
    if (text === undefined) problems.push({ file, line: 1, message: `the rule file ${file} does not exist; create it or fix the path (relative to the job file)` });
    return text;
  };

  let substitutions: SubstitutionRule[] = [];
  if (Array.isArray(job.substitutions)) substitutions = job.substitutions;
  else if (job.substitutions) {
    const text = readRuleFile(job.substitutions.file);
    if (text !== undefined) substitutions = parseSubstitutionFile(text, job.substitutions.file, problems);
  }

  let redactions: RedactionRule[] = [];
  if (Array.isArray(job.redactions)) redactions = job.redactions.map((rule) => (typeof rule === 'string' ? { pattern: rule } : rule));
  else if (job.redactions) {
    const text = readRuleFile(job.redactions.file);
    if (text !== undefined) redactions = parseRedactionFile(text).map((pattern) => ({ pattern }));
  }
  return { substitutions, redactions, problems };
}

/** One rule a line, `phrase: replacement`; `#` starts a comment line; blank lines are ignored. */
export function parseSubstitutionFile(text: string, file: string, problems: RuleFileProblem[]): SubstitutionRule[] {
  const rules: SubstitutionRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    // The first colon followed by a space (or ending the line) separates the phrase, so a phrase may
    // itself hold a colon, as in "Ref:123: reference".
    const separator = /:(?:\s|$)/.exec(line);
    const find = separator ? line.slice(0, separator.index).trim() : '';
    if (!separator || find === '') {
      problems.push({ file, line: index + 1, message: `expected "phrase: replacement", found "${excerpt(line)}"` });
      return;
    }
    rules.push({ find, replace: line.slice(separator.index + 1).trim() });
  });
  return rules;
}

/** One regular expression a line; `#` starts a comment line; blank lines are ignored. */
export function parseRedactionFile(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
