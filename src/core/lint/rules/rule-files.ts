import type { Diagnostic, Range } from '../../diagnostics';
import { spanAtPath } from '../../job/locate';
import { MAX_REDACTIONS, MAX_SUBSTITUTIONS } from '../../job/schema';
import { compilePattern, PatternBudget } from '../../regex';
import { parseRedactionFile, parseSubstitutionFile, type RuleFileProblem } from '../../run/rule-files';
import { LineIndex } from '../../text';
import type { OpenedFile } from '../../workspace';
import { excerpt } from '../../workspace/excerpt';
import { diagnosticAt } from '../edits';
import { defineRule } from '../types';
import type { JobDocument, LintContext } from '../types';

type RuleKind = 'substitutions' | 'redactions';

/** The range of one whole line of a rule file, from its 1-based line number (without splitting the file again). */
function lineRange(lines: LineIndex, line: number): Range {
  const start = lines.offsetAt({ line: line - 1, character: 0 });
  let end = lines.offsetAt({ line: line - 1, character: Number.MAX_SAFE_INTEGER });
  while (end > start && (lines.text[end - 1] === '\n' || lines.text[end - 1] === '\r')) end--;
  return lines.rangeOf(start, end);
}

/** The most rules a file may hold: the same bounds as rules written in the job itself. */
const MAX_RULES: Record<RuleKind, number> = { substitutions: MAX_SUBSTITUTIONS, redactions: MAX_REDACTIONS };

/** Each redaction line compiled; failures point at their characters in the file. Lines past the validation's time budget are counted, not checked. */
function redactionFileProblems(text: string, lines: LineIndex): { problems: { line: number; message: string; range: Range }[]; notChecked: number; patterns: number } {
  const problems: { line: number; message: string; range: Range }[] = [];
  const budget = new PatternBudget();
  let patterns = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    const pattern = raw.trim();
    if (pattern === '' || pattern.startsWith('#')) return;
    patterns++;
    const compiled = compilePattern(pattern, {}, budget);
    if (compiled.ok || compiled.notChecked) return;
    const lineStart = lines.offsetAt({ line: index, character: 0 }) + raw.indexOf(pattern);
    problems.push({ line: index + 1, message: compiled.message, range: lines.rangeOf(lineStart + compiled.start, lineStart + compiled.end) });
  });
  return { problems, notChecked: budget.skipped, patterns };
}

function openRuleFile(context: LintContext, file: string): OpenedFile {
  if (context.openFile) return context.openFile(file, 'rule-file');
  const text = context.readFile(file);
  return text === undefined ? { ok: false, problem: 'missing', reason: 'it does not exist' } : { ok: true, text, path: file };
}

function checkFile(doc: JobDocument, kind: RuleKind, file: string, context: LintContext): Diagnostic[] {
  const span = spanAtPath(doc.root, [kind, 'file']);
  const opened = openRuleFile(context, file);
  if (!opened.ok) {
    if (opened.problem === 'not-checked') return [];
    if (opened.problem === 'missing') {
      return [diagnosticAt(doc, span, 'rule-file', `The ${kind} file "${file}" does not exist (paths are relative to the job file). Create it, or correct the path.`, { data: { file } })];
    }
    return [diagnosticAt(doc, span, 'rule-file', `"${kind}.file": "${file}" cannot be used: ${opened.reason}. Keep rule files inside the workspace.`, { data: { file, refused: opened.problem } })];
  }
  const text = opened.text;
  // Each rule is parsed (and each pattern compiled and proven safe), so a file past the bound is refused
  // before any of that work: its checks and its runs stay bounded.
  const ruleCount = parseRedactionFile(text).length;
  if (ruleCount > MAX_RULES[kind]) {
    return [
      diagnosticAt(doc, span, 'rule-file', `The ${kind} file "${file}" holds ${ruleCount.toLocaleString('en-US')} rules; at most ${MAX_RULES[kind].toLocaleString('en-US')} are allowed. Keep the rules that matter.`, {
        data: { file },
      }),
    ];
  }
  const lines = new LineIndex(text);
  if (kind === 'substitutions') {
    const problems: RuleFileProblem[] = [];
    parseSubstitutionFile(text, file, problems);
    return problems.map((problem) =>
      diagnosticAt(doc, span, 'rule-file', `${file}:${problem.line}: ${excerpt(problem.message, 120)}. Write one rule a line as "phrase: replacement"; lines starting with # are comments.`, {
        related: [{ message: problem.message, range: lineRange(lines, problem.line), path: file }],
        data: { file, line: problem.line },
      }),
    );
  }
  const checked = redactionFileProblems(text, lines);
  const out = checked.problems.map((problem) =>
    diagnosticAt(doc, span, 'regex-invalid', `${file}:${problem.line}: ${excerpt(problem.message, 160)}`, {
      related: [{ message: excerpt(problem.message, 160), range: problem.range, path: file }],
      data: { file, line: problem.line },
    }),
  );
  if (checked.notChecked > 0) {
    out.push(
      diagnosticAt(
        doc,
        span,
        'regex-invalid',
        `${file}: ${checked.notChecked.toLocaleString('en-US')} of ${checked.patterns.toLocaleString('en-US')} patterns were not checked: checking new patterns stopped after ${new PatternBudget().maxMs / 1000} s. Checked patterns are remembered, so checking again goes on from there; a run checks every pattern before it starts.`,
        { severity: 'warning', data: { file } },
      ),
    );
  }
  return out;
}

/** Substitutions and redactions kept in their own files: the files must exist and every line must parse. */
export const ruleFiles = defineRule({
  id: 'rule-files',
  codes: ['rule-file', 'regex-invalid'],
  needs: [],
  check: (context) => {
    const { doc, job } = context;
    const out: Diagnostic[] = [];
    for (const kind of ['substitutions', 'redactions'] as const) {
      const value = job[kind];
      if (value && !Array.isArray(value)) out.push(...checkFile(doc, kind, value.file, context));
    }
    return out;
  },
});
