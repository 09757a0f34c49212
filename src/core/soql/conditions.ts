import { keywordTypoAt } from './keyword-typos';
import type { QueryToken } from './tokens';
import { hasCategory } from './tokens';
import type { SoqlProblem } from './types';

/**
 * Rules of WHERE and HAVING conditions that Salesforce enforces and soql-parser-js does not:
 *
 * - AND and OR at one level need parentheses (`a AND b OR c` is refused);
 * - NOT right after AND or OR needs parentheses (`a AND NOT (b)` is refused, `a AND (NOT b)` is fine);
 * - a condition cannot start with AND or OR, and two conditions need AND or OR between them;
 * - aggregate functions filter groups, so they belong in HAVING, not WHERE;
 * - IN, INCLUDES and EXCLUDES take their values in parentheses;
 * - a subquery in WHERE (a semi-join or anti-join) selects exactly one field and no TYPEOF.
 *
 * One pass over the tokens, with a frame per parenthesis, so each keystroke costs a linear scan.
 */
type Clause = 'where' | 'having' | 'other';

interface Frame {
  clause: Clause;
  /** Nothing of the current condition group has been read yet. */
  atStart: boolean;
  /** The last token read was AND or OR. */
  afterOperator: boolean;
  /** The last token read ends a comparison (a value or a closing parenthesis). */
  afterValue: boolean;
  and?: QueryToken;
  or?: QueryToken;
  reported: boolean;
  /** The frame is a subquery in WHERE; `selectDone` once its FROM is read. */
  semiJoin: boolean;
  selectDone: boolean;
}

const CLAUSE_ENDS = new Set(['SELECT', 'FROM', 'USING', 'WITH', 'GROUP_BY', 'ORDER_BY', 'LIMIT', 'OFFSET', 'FOR', 'UPDATE']);
const LIST_OPERATORS = new Set(['IN', 'INCLUDES', 'EXCLUDES']);

export function conditionProblems(tokens: readonly QueryToken[]): SoqlProblem[] {
  const problems: SoqlProblem[] = [];
  const report = (frame: Frame, token: QueryToken, message: string) => {
    if (frame.reported) return;
    frame.reported = true;
    problems.push({ code: 'soql-syntax', message, start: token.start, end: token.end });
  };
  // A word where AND or OR belongs is often a misspelt keyword (`ADN`, `ODER BY`, `LIMT`); say so then.
  const reportMissingOperator = (frame: Frame, index: number) => {
    const typo = keywordTypoAt(tokens, index);
    if (typo && !frame.reported) {
      frame.reported = true;
      const { replacement, ...located } = typo;
      problems.push({ code: 'soql-syntax', ...located, ...(replacement ? { replacements: [replacement] } : {}) });
    } else {
      report(frame, tokens[index], missingOperator(tokens[index]));
    }
  };
  const stack: Frame[] = [newFrame('other', false)];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const frame = stack[stack.length - 1];
    const type = token.type;
    if (type === 'WHERE' || type === 'HAVING') {
      Object.assign(frame, newFrame(type === 'WHERE' ? 'where' : 'having', frame.semiJoin), { selectDone: frame.selectDone });
      continue;
    }
    if (CLAUSE_ENDS.has(type)) {
      if (frame.clause !== 'other' && frame.afterOperator && type !== 'SELECT' && type !== 'FROM') report(frame, token, danglingOperator(tokens[i - 1], token));
      frame.clause = 'other';
      if (type === 'FROM') frame.selectDone = true;
      continue;
    }
    if (frame.semiJoin && !frame.selectDone) {
      if (type === 'TYPEOF') {
        report(frame, token, 'TYPEOF cannot be used in a subquery in WHERE. Select the lookup field itself (such as WhatId) instead.');
      } else if (type === 'COMMA') {
        const next = tokens[i + 1] ?? token;
        report(frame, next, 'A subquery in WHERE selects exactly one field, the Id or lookup field to compare with. Remove the other fields.');
      }
    }
    if (type === 'L_PAREN') {
      const conditionGroup = frame.clause !== 'other' && (frame.atStart || frame.afterOperator || tokens[i - 1]?.type === 'NOT');
      if (frame.clause !== 'other' && frame.afterValue && !conditionGroup) {
        report(frame, token, missingOperator(token));
      }
      const semiJoin = frame.clause === 'where' && LIST_OPERATORS.has(tokens[i - 1]?.type ?? '') && tokens[i + 1]?.type === 'SELECT';
      stack.push(newFrame(conditionGroup ? frame.clause : 'other', semiJoin));
      continue;
    }
    if (type === 'R_PAREN') {
      if (frame.clause !== 'other' && frame.afterOperator) report(frame, token, danglingOperator(tokens[i - 1], token));
      if (stack.length > 1) stack.pop();
      const parent = stack[stack.length - 1];
      parent.atStart = false;
      parent.afterOperator = false;
      parent.afterValue = true;
      continue;
    }
    if (frame.clause === 'other') continue;
    if (type === 'AND' || type === 'OR') {
      if (frame.atStart || frame.afterOperator) {
        report(frame, token, `'${token.image}' needs a condition before it. Remove it or write the condition it joins.`);
      } else {
        const other = type === 'AND' ? frame.or : frame.and;
        if (other) {
          report(
            frame,
            token,
            `AND and OR at the same level need parentheses; Salesforce refuses '${other.image} … ${token.image}' without them. ` +
              'Group the conditions that belong together: (a AND b) OR c, or a AND (b OR c).',
          );
        }
      }
      if (type === 'AND') frame.and ??= token;
      else frame.or ??= token;
      frame.afterOperator = true;
      frame.afterValue = false;
      frame.atStart = false;
      continue;
    }
    if (type === 'NOT') {
      if (frame.afterOperator) {
        const operator = tokens[i - 1];
        report(frame, token, `Salesforce refuses NOT right after ${operator.image.toUpperCase()}. Put the negated condition in parentheses: ${operator.image.toUpperCase()} (NOT …).`);
      } else if (frame.afterValue && tokens[i + 1]?.type !== 'IN') {
        report(frame, token, missingOperator(token));
      }
      frame.afterOperator = false;
      frame.afterValue = false;
      continue;
    }
    const list = tokens[i + 1];
    if (LIST_OPERATORS.has(type) && list && list.type !== 'L_PAREN' && list.type !== 'COLON') {
      report(frame, list, `${token.image.toUpperCase()} needs its values in parentheses: ${token.image.toUpperCase()} (${list.image}).`);
    }
    if (frame.clause === 'where' && hasCategory(token, 'AggregateFunction') && tokens[i + 1]?.type === 'L_PAREN') {
      report(frame, token, `${token.image.toUpperCase()}() cannot be used in WHERE: aggregate functions filter groups, in HAVING.`);
    }
    const value = isValueToken(token);
    // A word glued to the value before it (`2024-01-01T08:00:00` lexes as a date and `T08`) is a bad
    // literal, which the parser's error explains better than a missing AND would.
    const glued = token.start === tokens[i - 1]?.end;
    if (frame.afterValue && !glued && (value || isWordToken(token))) reportMissingOperator(frame, i);
    frame.atStart = false;
    frame.afterOperator = false;
    frame.afterValue = value;
  }
  return problems;
}

function danglingOperator(operator: QueryToken, next: QueryToken): string {
  return `Unexpected '${next.image}': a condition must follow '${operator.image}'. Add the condition it joins, or remove the '${operator.image}'.`;
}

function newFrame(clause: Clause, semiJoin: boolean): Frame {
  return { clause, atStart: true, afterOperator: false, afterValue: false, reported: false, semiJoin, selectDone: false };
}

function missingOperator(token: QueryToken): string {
  return `Missing AND or OR before '${token.image}': each condition must be joined to the one before it.`;
}

/** Literal values: strings, numbers, dates, date literals, TRUE, FALSE and NULL. */
function isValueToken(token: QueryToken): boolean {
  return (
    token.type === 'StringIdentifier' ||
    token.type === 'TRUE' ||
    token.type === 'FALSE' ||
    token.type === 'NULL' ||
    token.type === 'DATE' ||
    hasCategory(token, 'NumberIdentifier') ||
    hasCategory(token, 'DecimalNumberIdentifier') ||
    hasCategory(token, 'DateIdentifier') ||
    hasCategory(token, 'DateLiteral') ||
    hasCategory(token, 'DateNLiteral')
  );
}

/** A field name or any word the lexer would also take as one. */
function isWordToken(token: QueryToken): boolean {
  return token.type === 'Identifier' || hasCategory(token, 'Identifier');
}
