/** The expression language used by job filters and transforms: parse, check, compile. */
export type { Expr, ExprProblem, ExprType, ExprValue } from './ast';
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH } from './ast';
export { parseExpression, type ParseResult } from './parser';
export { checkExpression, type CheckOptions, type CheckResult } from './check';
export { FUNCTIONS, type EvalEnv, type FunctionSpec } from './functions';
export { compileExpression, isTrue, type CompileResult, type CompiledExpression, type ExprRecord } from './compile';
export { exprTypeOfSalesforceType } from './salesforce-types';
export { parseIsoDate, toText as exprValueToText } from './values';
export { expressionCompletions, type ExprCompletion, type ExprCompletions } from './complete';
export { describeExprValue, explainExpression, type ExplainedPart, type ExplainResult } from './explain';
