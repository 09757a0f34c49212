import { type Node, type ParseError, ParseErrorCode, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Diagnostic } from '../diagnostics';
import type { LineIndex } from '../text';
import { firstTooDeep, tooDeepMessage } from './nesting';

/** A JSONC document read once: its syntax tree (with offsets), its value, and its syntax errors. */
export interface ParsedDocument {
  text: string;
  /** Undefined only when the text holds no value at all (empty, or only comments). */
  root?: Node;
  value: unknown;
  syntaxErrors: Diagnostic[];
}

const MESSAGES: Record<number, string> = {
  [ParseErrorCode.InvalidSymbol]: 'Unexpected character: expected a JSON value, a key in double quotes, "," or a closing bracket.',
  [ParseErrorCode.InvalidNumberFormat]: 'This is not a valid JSON number.',
  [ParseErrorCode.PropertyNameExpected]: 'Expected a key in double quotes.',
  [ParseErrorCode.ValueExpected]: 'Expected a value (a string, number, true, false, null, object or array).',
  [ParseErrorCode.ColonExpected]: 'Expected ":" after the key.',
  [ParseErrorCode.CommaExpected]: 'Expected "," between entries.',
  [ParseErrorCode.CloseBraceExpected]: 'Expected "}" to close the object.',
  [ParseErrorCode.CloseBracketExpected]: 'Expected "]" to close the array.',
  [ParseErrorCode.EndOfFileExpected]: 'Unexpected text after the end of the JSON value: a file holds one object.',
  [ParseErrorCode.InvalidCommentToken]: 'This comment is not closed: end it with "*/".',
  [ParseErrorCode.UnexpectedEndOfComment]: 'This comment is not closed: end it with "*/".',
  [ParseErrorCode.UnexpectedEndOfString]: 'This string is not closed: add the closing double quote (a string may not span lines).',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'This number is incomplete.',
  [ParseErrorCode.InvalidUnicode]: 'A \\u escape needs four hexadecimal digits.',
  [ParseErrorCode.InvalidEscapeCharacter]: 'Unknown escape: write a backslash as "\\\\"; valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.',
  [ParseErrorCode.InvalidCharacter]: 'Control characters (such as a raw tab or line break) must be escaped inside a string.',
};

function syntaxDiagnostic(error: ParseError, lines: LineIndex): Diagnostic {
  // An error at the end of the file has no length; a one-character range keeps it visible in editors.
  const end = error.length > 0 ? error.offset + error.length : error.offset + 1;
  return {
    code: 'json-syntax',
    severity: 'error',
    message: MESSAGES[error.error] ?? 'The file is not valid JSON.',
    range: lines.rangeOf(error.offset, Math.min(end, lines.text.length)),
    // Which of the JSON parser's errors this is: editors whose own JSON service reports the same error
    // at the same place show that one instead, so a mistake is reported once.
    data: { jsonParseError: printParseErrorCode(error.error) },
  };
}

/** Parses JSONC the way VS Code reads its settings: comments and trailing commas are accepted. */
export function parseDocument(text: string, lines: LineIndex): ParsedDocument {
  // The parser recurses once per level, so nesting is measured first; a file past the limit is refused
  // at the bracket that goes too deep and never reaches the parser or any walk over its value.
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== undefined) {
    const range = lines.rangeOf(tooDeep, tooDeep + 1);
    return { text, value: undefined, syntaxErrors: [{ code: 'json-syntax', severity: 'error', message: tooDeepMessage(), range }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const syntaxErrors = errors.map((e) => syntaxDiagnostic(e, lines));
  if (!root && syntaxErrors.length === 0) {
    syntaxErrors.push({ code: 'json-syntax', severity: 'error', message: 'The file is empty: a job file holds one JSON object.', range: lines.rangeOf(0, 0) });
  }
  return { text, root, value: root ? plainValue(root) : undefined, syntaxErrors };
}

/**
 * The value of a parse tree, as jsonc-parser's getNodeValue gives it but with ordinary objects: that one
 * builds objects without a prototype, and zod's length checks compare such an object with a number, which
 * throws a TypeError instead of reporting a wrong type (`{"name": {"length": {}}}`). A "__proto__" key is
 * defined as an own property, never taken as the object's prototype.
 */
export function plainValue(node: Node): unknown {
  switch (node.type) {
    case 'array':
      return (node.children ?? []).map(plainValue);
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = String(keyNode.value);
        const value = plainValue(valueNode);
        if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        else object[key] = value;
      }
      return object;
    }
    case 'null':
    case 'string':
    case 'number':
    case 'boolean':
      return node.value as unknown;
    default:
      return undefined;
  }
}
