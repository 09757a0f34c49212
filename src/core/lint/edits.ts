import { type Diagnostic, type Fix, type TextEdit, defaultSeverity } from '../diagnostics';
import { type PathSegment, type Span, nodeAt, propertyOf } from '../job/locate';
import { jsonStringContent } from '../fixes/replacements';
import type { JobDocument } from './types';

/**
 * The edit that deletes a property together with the comma that separates it from a neighbour, so
 * the object stays valid JSON: up to the next property, or else from the end of the previous one.
 */
export function removePropertyEdit(doc: JobDocument, objectPath: readonly PathSegment[], key: string): TextEdit | undefined {
  const object = nodeAt(doc.root, objectPath);
  const property = propertyOf(object, key);
  if (!object?.children || !property) return undefined;
  const index = object.children.indexOf(property);
  const next = object.children[index + 1];
  const previous = object.children[index - 1];
  let start = property.offset;
  let end = property.offset + property.length;
  if (next) end = next.offset;
  else if (previous) start = previous.offset + previous.length;
  return { range: doc.lines.rangeOf(start, end), newText: '' };
}

/** The edit that replaces the contents of a string literal (the characters between its quotes). */
export function replaceStringEdit(doc: JobDocument, literal: Span, value: string): TextEdit {
  return { range: doc.lines.rangeOf(literal.start + 1, literal.end - 1), newText: jsonStringContent(value) };
}

/** One fix per candidate value of a string literal, the first preferred (candidates come best first). */
export function candidateFixes(doc: JobDocument, literal: Span, candidates: readonly string[], title: (candidate: string) => string): Fix[] {
  return candidates.map((candidate, index) => ({ title: title(candidate), edits: [replaceStringEdit(doc, literal, candidate)], preferred: index === 0 }));
}

/** A diagnostic at a document span with the code's default severity unless told otherwise. */
export function diagnosticAt(
  doc: JobDocument,
  span: Span,
  code: Diagnostic['code'],
  message: string,
  extra: Partial<Pick<Diagnostic, 'severity' | 'related' | 'fixes' | 'data'>> = {},
): Diagnostic {
  return { code, severity: extra.severity ?? defaultSeverity(code), message, range: doc.lines.rangeOf(span.start, span.end), ...withoutSeverity(extra) };
}

function withoutSeverity(extra: Partial<Pick<Diagnostic, 'severity' | 'related' | 'fixes' | 'data'>>): Partial<Diagnostic> {
  const { severity: _severity, ...rest } = extra;
  return rest;
}
