import { SoqlError } from './types';

/**
 * Salesforce words query errors as the offending line of the statement, a caret under the spot, the row and
 * column, then the text: "\nSELECT Foo FROM Case\n       ^\nERROR at Row:1:Column:8\nNo such column …".
 */
export function errorAt(soql: string, offset: number, errorCode: string, text: string): SoqlError {
  const before = soql.slice(0, Math.max(0, offset));
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = soql.indexOf('\n', lineStart);
  const line = soql.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  const column = offset - lineStart + 1;
  return new SoqlError(errorCode, `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${text}`);
}

export function noSuchColumn(soql: string, offset: number, column: string, objectName: string): SoqlError {
  return errorAt(soql, offset, 'INVALID_FIELD',
    `No such column '${column}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
}

export function unknownRelationship(soql: string, offset: number, relationship: string): SoqlError {
  return errorAt(soql, offset, 'INVALID_FIELD',
    `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
}

export function unsupportedType(soql: string, offset: number, objectName: string): SoqlError {
  return errorAt(soql, offset, 'INVALID_TYPE',
    `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
}

export function unknownChildRelationship(soql: string, offset: number, relationship: string): SoqlError {
  return errorAt(soql, offset, 'INVALID_TYPE',
    `Didn't understand relationship '${relationship}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
}

export function malformed(soql: string, offset: number, text: string): SoqlError {
  return errorAt(soql, offset, 'MALFORMED_QUERY', text);
}

interface Token {
  text: string;
  offset: number;
}

/** Words, dotted names, numbers and symbols of a statement with string literals skipped, to point carets at names. */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /'(?:\\.|[^'\\])*'|[A-Za-z_][\w.]*|\d[\d.:\-TZ+]*|\S/g;
  for (let match = pattern.exec(soql); match; match = pattern.exec(soql)) {
    if (match[0].startsWith("'")) continue;
    tokens.push({ text: match[0], offset: match.index });
  }
  return tokens;
}

/** Where a name (or a segment of a dotted name) first appears at or after `from`, ignoring case; `fallback` when absent. */
export function locate(soql: string, name: string, from = 0, fallback = 0): number {
  const lower = name.toLowerCase();
  const tokens = tokenize(soql).filter((t) => t.offset >= from);
  const whole = tokens.find((t) => t.text.toLowerCase() === lower);
  if (whole) return whole.offset;
  for (const token of tokens) {
    const segments = token.text.toLowerCase().split('.');
    const index = segments.indexOf(lower);
    if (index < 0) continue;
    return token.offset + segments.slice(0, index).reduce((sum, segment) => sum + segment.length + 1, 0);
  }
  return fallback;
}
