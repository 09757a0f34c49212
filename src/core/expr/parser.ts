import {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  type BinaryOperator,
  type Expr,
  type ExprProblem,
} from './ast';
import { tokenize, type Token } from './lexer';

export interface ParseResult {
  /** Present only when the text parsed without problems. */
  ast?: Expr;
  problems: ExprProblem[];
}

/** The tree as far as it could be read, with error nodes where it could not; the checker reports on it too. */
export interface PartialParse {
  tree?: Expr;
  problems: ExprProblem[];
}

/** At most this many problems are reported for one expression: past that, they are noise. */
export const MAX_PROBLEMS = 20;

const enum Level {
  Or = 1,
  And = 2,
  Not = 3,
  Compare = 4,
  Concat = 5,
  Sum = 6,
  Product = 7,
  Unary = 8,
}

const BINARY: Record<string, { level: Level; operator: BinaryOperator | 'and' | 'or' | '&' }> = {
  OR: { level: Level.Or, operator: 'or' },
  '||': { level: Level.Or, operator: 'or' },
  AND: { level: Level.And, operator: 'and' },
  '&&': { level: Level.And, operator: 'and' },
  '=': { level: Level.Compare, operator: '=' },
  '==': { level: Level.Compare, operator: '=' },
  '!=': { level: Level.Compare, operator: '!=' },
  '<>': { level: Level.Compare, operator: '!=' },
  '<': { level: Level.Compare, operator: '<' },
  '>': { level: Level.Compare, operator: '>' },
  '<=': { level: Level.Compare, operator: '<=' },
  '>=': { level: Level.Compare, operator: '>=' },
  '&': { level: Level.Concat, operator: '&' },
  '+': { level: Level.Sum, operator: '+' },
  '-': { level: Level.Sum, operator: '-' },
  '*': { level: Level.Product, operator: '*' },
  '/': { level: Level.Product, operator: '/' },
};

/** SOQL operators people carry over from the query; the expression language spells them differently. */
const SOQL_WORDS: Record<string, string> = {
  IN: 'IN is SOQL, not part of expressions: write Status = "A" OR Status = "B".',
  LIKE: 'LIKE is SOQL, not part of expressions: use CONTAINS(field, "part") or BEGINS(field, "start").',
  INCLUDES: 'INCLUDES is SOQL, not part of expressions: use CONTAINS(field, "value").',
};

const KEYWORDS = new Set(['AND', 'OR', 'NOT', 'TRUE', 'FALSE', 'NULL']);

/** Thrown inside the parser only, to stop at once when the nesting limit is passed. */
class TooDeep extends Error {}

/** Parses an expression. It never throws; problems carry offsets into `text`. */
export function parseExpression(text: string): ParseResult {
  const { tree, problems } = parsePartial(text);
  return problems.length === 0 && tree ? { ast: tree, problems } : { problems };
}

export function parsePartial(text: string): PartialParse {
  if (typeof text !== 'string') return { problems: [{ message: 'An expression must be text.', start: 0, end: 0 }] };
  if (text.length > MAX_EXPRESSION_LENGTH) {
    return {
      problems: [
        {
          message: `The expression is ${text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}. Split the logic or move it into the SOQL WHERE clause.`,
          start: 0,
          end: text.length,
        },
      ],
    };
  }
  if (text.trim() === '') return { problems: [{ message: 'The expression is empty: write a formula such as Status = "Closed".', start: 0, end: text.length }] };
  const problems: ExprProblem[] = [];
  const tokens = tokenize(text, problems);
  const parser = new Parser(tokens, problems);
  try {
    const tree = parser.parseAll();
    if (parser.height(tree) > MAX_EXPRESSION_DEPTH) throw new TooDeep();
    problems.sort((a, b) => a.start - b.start || a.end - b.end);
    return { tree, problems: problems.slice(0, MAX_PROBLEMS) };
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    return {
      problems: [
        {
          message: `The expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep; simplify it.`,
          start: 0,
          end: text.length,
        },
      ],
    };
  }
}

class Parser {
  private index = 0;
  private depth = 0;
  /** Heights of nodes built so far, to reject deep trees without walking them recursively. */
  private readonly heights = new WeakMap<Expr, number>();
  /** Chains written inside parentheses stay separate nodes, so their ranges match what was written. */
  private readonly parenthesized = new WeakSet<Expr>();

  constructor(
    private readonly tokens: Token[],
    private readonly problems: ExprProblem[],
  ) {}

  parseAll(): Expr {
    const tree = this.parseLevel(Level.Or);
    // Keep reading after a stray token, so one mistake does not hide the next.
    while (this.peek().kind !== 'end' && this.problems.length < MAX_PROBLEMS) {
      const stray = this.peek();
      if (stray.kind === ')' || stray.kind === ',') {
        this.next();
        this.problem(stray.kind === ')' ? 'This ")" has no matching "(".' : 'Unexpected ",": commas separate the arguments of a function.', stray);
        continue;
      }
      this.problem((stray.kind === 'name' ? SOQL_WORDS[stray.text.toUpperCase()] : undefined) ?? `Unexpected ${describe(stray)}: expected an operator such as AND, OR, =, + or & between values.`, stray);
      this.parseLevel(Level.Or);
    }
    return tree;
  }

  height(node: Expr): number {
    return this.heights.get(node) ?? 1;
  }

  private parseLevel(min: Level): Expr {
    let left = this.parsePrefix(min);
    for (;;) {
      const token = this.peek();
      const info = binaryInfo(token);
      if (!info || info.level < min) return left;
      this.next();
      const right = this.parseLevel((info.level + 1) as Level);
      const operator = info.operator;
      if (operator === 'and' || operator === 'or' || operator === '&') {
        if (left.kind === 'chain' && left.operator === operator && !this.parenthesized.has(left)) {
          left.operands.push(right);
          left.end = right.end;
          this.setHeight(left, Math.max(this.height(left), this.height(right) + 1));
        } else {
          left = this.node({ kind: 'chain', operator, operands: [left, right], start: left.start, end: right.end }, left, right);
        }
      } else {
        left = this.node({ kind: 'binary', operator, left, right, start: left.start, end: right.end }, left, right);
      }
    }
  }

  private parsePrefix(min: Level): Expr {
    this.enter();
    try {
      const token = this.peek();
      const word = token.kind === 'name' ? token.text.toUpperCase() : undefined;
      if (token.kind === 'operator' && token.text === '-') {
        this.next();
        const operand = this.parsePrefix(Level.Unary);
        return this.node({ kind: 'unary', operator: '-', operand, start: token.start, end: operand.end }, operand);
      }
      const isNotWord = word === 'NOT' && this.peekAt(1).kind !== '(';
      if ((token.kind === 'operator' && token.text === '!') || isNotWord) {
        this.next();
        // NOT binds looser than comparisons: NOT Status = "x" means NOT (Status = "x").
        const operand = this.parseLevel(Math.max(min, Level.Compare) as Level);
        return this.node({ kind: 'unary', operator: 'not', operand, start: token.start, end: operand.end }, operand);
      }
      return this.parsePrimary();
    } finally {
      this.depth--;
    }
  }

  private parsePrimary(): Expr {
    const token = this.peek();
    // Closing tokens are left for the caller, which knows what it was waiting for, and a binary operator
    // is left for the operator loop, so `a = = 1` reports one missing value rather than a cascade.
    if (token.kind !== ')' && token.kind !== ',' && token.kind !== 'end' && !(token.kind === 'operator' && binaryInfo(token))) this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: Number(token.text), start: token.start, end: token.end };
      case 'text':
        return { kind: 'text', value: token.text, start: token.start, end: token.end };
      case 'name':
        return this.parseName(token);
      case '(': {
        const inner = this.parseLevel(Level.Or);
        const close = this.peek();
        if (close.kind === ')') {
          this.next();
        } else {
          this.problem(`Missing ")" to close the "(" at character ${token.start + 1}.`, close.kind === 'end' ? token : close);
        }
        this.parenthesized.add(inner);
        return inner;
      }
      default:
        this.problem(`Expected a value (a field, "text", a number or a function) but found ${describe(token)}.`, token);
        return { kind: 'error', start: token.start, end: token.end };
    }
  }

  private parseName(token: Token): Expr {
    const word = token.text.toUpperCase();
    if (this.peek().kind === '(') return this.parseCall(token);
    if (word === 'TRUE' || word === 'FALSE') return { kind: 'boolean', value: word === 'TRUE', start: token.start, end: token.end };
    if (word === 'NULL') return { kind: 'null', start: token.start, end: token.end };
    if (KEYWORDS.has(word)) {
      this.problem(`${word} needs a value on each side, e.g. A ${word} B.`, token);
      return { kind: 'error', start: token.start, end: token.end };
    }
    return { kind: 'field', path: token.text, start: token.start, end: token.end };
  }

  private parseCall(nameToken: Token): Expr {
    const open = this.next();
    const args: Expr[] = [];
    if (nameToken.text.includes('.')) {
      this.problem(`"${nameToken.text}" is a field path, not a function; function names have no dots.`, nameToken);
    }
    if (this.peek().kind === ')') {
      const close = this.next();
      return this.callNode(nameToken, args, close.end);
    }
    for (;;) {
      args.push(this.parseLevel(Level.Or));
      const token = this.peek();
      if (token.kind === ',') {
        this.next();
        continue;
      }
      if (token.kind === ')') {
        this.next();
        return this.callNode(nameToken, args, token.end);
      }
      if (token.kind === 'end') {
        this.problem(`Missing ")" to close ${nameToken.text.toUpperCase()}( at character ${open.start + 1}.`, nameToken);
        return this.callNode(nameToken, args, token.end);
      }
      this.problem(`Unexpected ${describe(token)} in the arguments of ${nameToken.text.toUpperCase()}: expected "," or ")".`, token);
      this.skipToArgumentEnd();
      if (this.peek().kind === ',') {
        this.next();
        continue;
      }
      const close = this.next();
      return this.callNode(nameToken, args, close.end);
    }
  }

  private callNode(nameToken: Token, args: Expr[], end: number): Expr {
    return this.node(
      { kind: 'call', name: nameToken.text.toUpperCase(), nameStart: nameToken.start, nameEnd: nameToken.end, args, start: nameToken.start, end },
      ...args,
    );
  }

  /** Skips to the next "," or ")" at this nesting level, or to the end. */
  private skipToArgumentEnd(): void {
    let open = 0;
    for (;;) {
      const token = this.peek();
      if (token.kind === 'end') return;
      if (open === 0 && (token.kind === ',' || token.kind === ')')) return;
      if (token.kind === '(') open++;
      if (token.kind === ')') open--;
      this.next();
    }
  }

  private node(node: Expr, ...children: Expr[]): Expr {
    let height = 0;
    for (const child of children) height = Math.max(height, this.height(child));
    this.setHeight(node, height + 1);
    return node;
  }

  private setHeight(node: Expr, height: number): void {
    if (height > MAX_EXPRESSION_DEPTH) throw new TooDeep();
    this.heights.set(node, height);
  }

  private enter(): void {
    this.depth++;
    if (this.depth > MAX_EXPRESSION_DEPTH) throw new TooDeep();
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private peekAt(ahead: number): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private problem(message: string, at: { start: number; end: number }): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ message, start: at.start, end: at.end });
  }
}

function binaryInfo(token: Token): (typeof BINARY)[string] | undefined {
  if (token.kind === 'operator') return BINARY[token.text];
  if (token.kind === 'name') {
    const word = token.text.toUpperCase();
    if (word === 'AND' || word === 'OR') return BINARY[word];
  }
  return undefined;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'the end of the expression';
    case 'text':
      return 'text';
    default:
      return `"${token.text}"`;
  }
}
