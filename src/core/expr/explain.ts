import type { Expr, ExprProblem, ExprType, ExprValue } from './ast';
import { checkTyped, type CheckOptions } from './check';
import { compileNode, type ExprRecord } from './compile';
import type { EvalEnv } from './functions';
import { isValidDate } from './values';

/**
 * Why an expression gives its result on one record: the value of every part that is not a constant
 * (each comparison, each function call, each field read), innermost first, so a person can see which
 * comparison made a filter false. The same evaluator the run uses computes every part, so the
 * explanation cannot disagree with the run.
 */

export interface ExplainedPart {
  /** The part's text as written in the expression. */
  text: string;
  start: number;
  end: number;
  kind: Expr['kind'];
  type: ExprType;
  value: ExprValue;
  /** How deep the part sits in the expression (0 for the whole), for indenting. */
  depth: number;
}

export type ExplainResult = { ok: true; value: ExprValue; type: ExprType; parts: ExplainedPart[] } | { ok: false; problems: ExprProblem[] };

export function explainExpression(text: string, record: ExprRecord, env: EvalEnv, options: CheckOptions = {}): ExplainResult {
  const { typed, problems } = checkTyped(text, options);
  if (!typed || problems.length > 0) return { ok: false, problems };
  const parts: ExplainedPart[] = [];
  const visit = (node: Expr, depth: number): void => {
    for (const child of childrenOf(node)) visit(child, depth + 1);
    if (node.kind === 'text' || node.kind === 'number' || node.kind === 'boolean' || node.kind === 'null' || node.kind === 'error') return;
    let value: ExprValue;
    try {
      value = compileNode(typed, node)(record, env);
    } catch {
      value = null;
    }
    parts.push({ text: text.slice(node.start, node.end), start: node.start, end: node.end, kind: node.kind, type: typed.types.get(node) ?? 'unknown', value, depth });
  };
  visit(typed.ast, 0);
  const whole = parts.find((part) => part.start === typed.ast.start && part.end === typed.ast.end && part.depth === 0);
  const value = whole ? whole.value : compileNode(typed, typed.ast)(record, env);
  return { ok: true, value, type: typed.type, parts };
}

function childrenOf(node: Expr): Expr[] {
  switch (node.kind) {
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'chain':
      return node.operands;
    case 'call':
      return node.args;
    default:
      return [];
  }
}

/** A value as a person reads it in an explanation: text quoted, blanks named, dates in ISO form. */
export function describeExprValue(value: ExprValue, type: ExprType = 'unknown'): string {
  if (value === null) return 'blank';
  if (isValidDate(value)) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString();
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
