import type { Diagnostic } from '../../diagnostics';
import { type PathSegment, formatPath, nodeAt } from '../../job/locate';
import { queryTextOf } from '../../job/query-text';
import { checkReplacement, compilePattern, PatternBudget } from '../../regex';
import { diagnosticAt } from '../edits';
import { defineRule } from '../types';
import type { JobDocument, LintContext } from '../types';

interface PatternSite {
  path: PathSegment[];
  /** The replacement that goes with the pattern, for group references it does not have. */
  replacementPath?: PathSegment[];
}

function patternSites(job: LintContext['job']): PatternSite[] {
  const sites: PatternSite[] = [];
  if (Array.isArray(job.redactions)) {
    job.redactions.forEach((rule, index) => sites.push({ path: typeof rule === 'string' ? ['redactions', index] : ['redactions', index, 'pattern'] }));
  }
  job.mapping?.fields?.forEach((field, index) => {
    if (field.transform && 'regex' in field.transform) {
      const base: PathSegment[] = ['mapping', 'fields', index, 'transform', 'regex'];
      sites.push({ path: [...base, 'pattern'], replacementPath: [...base, 'replace'] });
    }
  });
  return sites;
}

function checkSite(doc: JobDocument, site: PatternSite, budget: PatternBudget): Diagnostic[] {
  const node = nodeAt(doc.root, site.path);
  if (node?.type !== 'string') return [];
  const decoded = queryTextOf(doc.text, node);
  if (!decoded) return [];
  const compiled = compilePattern(decoded.text, {}, budget);
  const where = formatPath(site.path);
  if (!compiled.ok && compiled.notChecked) {
    return [diagnosticAt(doc, decoded.toDocumentRange(0, decoded.text.length), 'regex-invalid', `${where}: ${compiled.message} Check again to go on; a run checks every pattern before it starts.`, { severity: 'warning' })];
  }
  if (!compiled.ok) {
    return [diagnosticAt(doc, decoded.toDocumentRange(compiled.start, compiled.end), 'regex-invalid', `${where}: ${compiled.message}`)];
  }
  const replacementNode = site.replacementPath ? nodeAt(doc.root, site.replacementPath) : undefined;
  if (replacementNode?.type !== 'string') return [];
  const replacement = queryTextOf(doc.text, replacementNode);
  if (!replacement) return [];
  return checkReplacement(compiled.regex, replacement.text).map((problem) =>
    diagnosticAt(doc, replacement.toDocumentRange(problem.start, problem.end), 'regex-invalid', `${formatPath(site.replacementPath ?? [])}: ${problem.message}`),
  );
}

/**
 * Patterns are read in XM Discover's dialect and must be safe to run (see core/regex.ts); one that is
 * refused is reported at its offending characters inside the JSON string. New patterns share one
 * time budget per check, so a job with thousands of patterns cannot stall the editor.
 */
export const regexRule = defineRule({
  id: 'regex',
  codes: ['regex-invalid'],
  needs: [],
  check: ({ doc, job }) => {
    const budget = new PatternBudget();
    return patternSites(job).flatMap((site) => checkSite(doc, site, budget));
  },
});
