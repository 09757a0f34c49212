import * as vscode from 'vscode';
import { expressionTargets, explanationLines, fieldsOf, parseTypedValue, testExpression, type ExpressionTest } from '../../core/expression-tester';
import type { PathSegment } from '../../core/job/locate';
import { resolveJob } from '../../core/job/resolve';
import { validateJob } from '../../core/validate';
import { loadSampleRecordsOf } from '../../app/load-job';
import type { SfjobContext } from '../context';

/** What "Test expression" returns to its caller (the in-editor tests read it). */
export interface TestExpressionResult {
  test: ExpressionTest;
  lines: string[];
}

/**
 * The "Test expression" lens on a filter or an expression of a mapped field: asks for the value of
 * each field the expression reads, prefilled from the first sample record, then shows the result and
 * why (each part's value) in the output channel, like XM Discover's Test button on a connector filter.
 * `values` answers the questions without asking (for tests and for running it again).
 */
export async function testExpressionCommand(ctx: SfjobContext, uri?: vscode.Uri, path?: PathSegment[], values?: Record<string, string>): Promise<TestExpressionResult | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document) return undefined;
  const now = new Date();
  const job = validateJob(document.getText(), { path: document.uri.fsPath, readFile: () => undefined, now }).job;
  if (!job) {
    void vscode.window.showErrorMessage('sfjob: the job file cannot be read; fix the problems shown first.');
    return undefined;
  }
  const targets = expressionTargets(job);
  const target = path ? targets.find((candidate) => candidate.path.join('.') === path.join('.')) : targets[0];
  if (!target) {
    void vscode.window.showInformationMessage('sfjob: this job has no filter or expression to test.');
    return undefined;
  }
  const resolved = resolveJob(job);
  const sample = loadSampleRecordsOf(document.uri.fsPath, resolved);
  const record = sample.ok ? sample.records[0] : undefined;
  const preview = testExpression(target, {}, record, now, resolved.filterAction);
  const given: Record<string, unknown> = {};
  for (const field of fieldsOf(target.text)) {
    const shown = preview.ok ? preview.inputs.find((input) => input.field === field || input.field.startsWith(`${field} (`)) : undefined;
    let answer = values?.[field];
    if (answer === undefined) {
      answer = await vscode.window.showInputBox({
        title: `sfjob: Test ${target.label}`,
        prompt: `${field}${record ? ' (prefilled from the first sample record)' : ''}: a number, true, false, null or "quoted text" is read as JSON, anything else as text; leave empty for blank text`,
        value: shown ? inputText(shown.value) : '',
      });
      if (answer === undefined) return undefined;
    }
    given[field === 'VALUE' ? 'VALUE' : field] = answer === '' ? null : parseTypedValue(answer);
  }
  const test = testExpression(target, given, record, now, resolved.filterAction);
  const lines = explanationLines(test, resolved.filterAction);
  ctx.output.info(`Test expression (${vscode.workspace.asRelativePath(document.uri)}):\n${lines.join('\n')}`);
  ctx.output.show(true);
  const headline = test.ok ? lines.find((line) => line.startsWith('result:')) ?? '' : `${target.label} has problems: ${test.problems[0]?.message ?? ''}`;
  void vscode.window.showInformationMessage(`sfjob: ${target.label} → ${headline.replace(/^result: /, '')}${test.ok && test.outcome ? ` (the record is ${test.outcome})` : ''}. The parts are in the sfjob output.`);
  return { test, lines };
}

/** A prefilled value in the same notation the answer is read in. */
function inputText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)$/.test(value.trim()) ? JSON.stringify(value) : value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
