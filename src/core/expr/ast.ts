/**
 * The expression language's data model: the syntax tree, the static types and the runtime values.
 * Offsets are 0-based UTF-16 offsets into the expression text (not into the JSON file that holds it);
 * the validator maps them to file positions.
 */

/** A problem found while parsing or checking, with the span of the expression text that is wrong. */
export interface ExprProblem {
  message: string;
  start: number;
  end: number;
  /** The text that would fix the span, when there is one obvious fix (a field's exact spelling, a function name). */
  suggestion?: string;
}

/** Static types. `unknown` is compatible with everything (a field whose type the checker was not told). */
export type ExprType = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'unknown';

/** The value of an expression at run time. Dates and date-times are JS Dates (dates at UTC midnight). */
export type ExprValue = string | number | boolean | Date | null;

export type BinaryOperator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/';

interface NodeBase {
  start: number;
  end: number;
}

export interface TextLiteral extends NodeBase {
  kind: 'text';
  value: string;
}
export interface NumberLiteral extends NodeBase {
  kind: 'number';
  value: number;
}
export interface BooleanLiteral extends NodeBase {
  kind: 'boolean';
  value: boolean;
}
export interface NullLiteral extends NodeBase {
  kind: 'null';
}
/** A record field: `Status`, or a relationship path `Owner.Name` (segments kept in the written case). */
export interface FieldRef extends NodeBase {
  kind: 'field';
  path: string;
}
export interface Unary extends NodeBase {
  kind: 'unary';
  operator: '-' | 'not';
  operand: Expr;
}
export interface Binary extends NodeBase {
  kind: 'binary';
  operator: BinaryOperator;
  left: Expr;
  right: Expr;
}
/**
 * `a AND b AND c`, `a OR b` and `a & b & c` are kept flat (one node, many operands) so a long chain
 * costs no nesting depth.
 */
export interface Chain extends NodeBase {
  kind: 'chain';
  operator: 'and' | 'or' | '&';
  operands: Expr[];
}
export interface Call extends NodeBase {
  kind: 'call';
  /** Upper-cased: function names are case-insensitive. */
  name: string;
  nameStart: number;
  nameEnd: number;
  args: Expr[];
}
/** Stands in for a piece that did not parse, so checking can go on and report more problems. */
export interface ErrorNode extends NodeBase {
  kind: 'error';
}

export type Expr = TextLiteral | NumberLiteral | BooleanLiteral | NullLiteral | FieldRef | Unary | Binary | Chain | Call | ErrorNode;

/** Expressions longer than this are rejected before parsing, so no input can make the parser slow. */
export const MAX_EXPRESSION_LENGTH = 10_000;
/** Deeper nesting is rejected, so no input can overflow the stack of the parser, checker or evaluator. */
export const MAX_EXPRESSION_DEPTH = 100;
