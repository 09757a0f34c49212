import type { Node } from 'jsonc-parser';
import { z } from 'zod';
import type { Diagnostic, DiagnosticCode, Fix } from '../diagnostics';
import { closestName } from '../lint/suggest';
import type { LineIndex } from '../text';
import { type PathSegment, type Span, formatPath, keySpan, nodeAt, spanAtPath } from './locate';

type Issue = z.core.$ZodIssue;

/**
 * A name from the file as a message quotes it: long ones shortened, so a message stays readable and the
 * output bounded. It is kept as written otherwise; the text and GitHub formats escape what they must.
 */
function quotedName(name: string): string {
  return `"${name.length > 80 ? `${name.slice(0, 80)}…` : name}"`;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** zod's own messages; anything else was written for this project and is kept as it is. */
const GENERIC_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)/;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return typeof value;
  }
}

const EXPECTED_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** The schema that describes the value at `path`, followed through objects, arrays and optionals. */
function schemaAt(root: z.ZodType, path: readonly PathSegment[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = root;
  for (const segment of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject && typeof segment === 'string') current = current.shape[segment] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray && typeof segment === 'number') current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord && typeof segment === 'string') current = current.valueType as z.ZodType;
    else return undefined;
  }
  return current;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** The key's schema description, shaped to sit inside a sentence. */
function descriptionAt(root: z.ZodType, path: readonly PathSegment[]): string | undefined {
  const schema = schemaAt(root, path);
  const description = schema?.description ?? unwrap(schema)?.description;
  if (!description) return undefined;
  const trimmed = description.replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed[0].toLowerCase() + trimmed.slice(1) : trimmed;
}

function keysAt(root: z.ZodType, path: readonly PathSegment[]): string[] {
  const schema = unwrap(schemaAt(root, path));
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function isMissing(rootNode: Node | undefined, path: readonly PathSegment[]): boolean {
  return nodeAt(rootNode, path) === undefined;
}

/** Among a union's alternatives, the one the user evidently meant: its value had the right shape. */
function chosenAlternative(alternatives: Issue[][]): Issue[] | undefined {
  const plausible = alternatives.filter((issues) => !issues.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')));
  if (plausible.length === 0) return undefined;
  return plausible.reduce((best, issues) => (issues.length < best.length ? issues : best));
}

interface Located {
  path: PathSegment[];
  issue: Issue;
}

/** Flattens unions into the issues of the alternative that was meant, with absolute paths. */
function flatten(issues: readonly Issue[], base: readonly PathSegment[]): Located[] {
  const out: Located[] = [];
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const chosen = chosenAlternative(issue.errors as Issue[][]);
      if (chosen) {
        out.push(...flatten(chosen, path));
        continue;
      }
    }
    out.push({ path, issue });
  }
  return withoutEchoesOfWrongTypes(out);
}

/**
 * zod still runs a string's length checks on a value that is not a string, so `{"name": {}}` also says
 * "too small"; the wrong type is the whole story, so those echoes are dropped.
 */
function withoutEchoesOfWrongTypes(located: Located[]): Located[] {
  const wrongType = new Set(located.filter((l) => l.issue.code === 'invalid_type').map((l) => JSON.stringify(l.path)));
  return located.filter((l) => l.issue.code === 'invalid_type' || !wrongType.has(JSON.stringify(l.path)));
}

function messageFor(located: Located, schema: z.ZodType, rootNode: Node | undefined): string {
  const { issue, path } = located;
  const label = `"${formatPath(path)}"`;
  const custom = !GENERIC_MESSAGE.test(issue.message);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (isMissing(rootNode, path)) {
        const key = path[path.length - 1];
        const where = path.length > 1 ? ` in "${formatPath(path.slice(0, -1))}"` : '';
        const description = descriptionAt(schema, path);
        return `Missing required key "${String(key)}"${where}: add it (${expected}${description ? `: ${description}` : ''}).`;
      }
      if (custom) return issue.message;
      return `${label} must be ${expected}, not ${typeName(issue.input)}.`;
    }
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      const choice = typeof issue.input === 'string' ? closestChoice(issue.input, issue.values.map(String)) : undefined;
      const found = choice === undefined ? '' : ` Did you mean "${choice}"?`;
      const value = issue.input === undefined ? '' : ` (found ${typeof issue.input === 'string' ? quotedName(issue.input) : shortJson(issue.input)})`;
      return `${label} must be ${options.length === 1 ? options[0] : `one of ${options.join(', ')}`}${value}.${found}`;
    }
    case 'too_small':
    case 'too_big':
    case 'invalid_format':
      return custom ? issue.message : `${label}: ${issue.message.replace(/^Invalid input: /, '')}.`;
    case 'invalid_union':
      return custom ? issue.message : `${label} does not have any of the accepted shapes.`;
    default:
      return custom ? issue.message : `${label}: ${issue.message}.`;
  }
}

/** A fix that replaces a string literal (a key or a value, quotes included) with another string. */
function renameFix(title: string, literal: Span, replacement: string, lines: LineIndex): Fix {
  return { title, edits: [{ range: lines.rangeOf(literal.start, literal.end), newText: JSON.stringify(replacement) }], preferred: true };
}

function codeFor(path: readonly PathSegment[]): DiagnosticCode {
  return path[0] === 'schedule' ? 'schedule-invalid' : 'schema';
}

/**
 * At most this many schema diagnostics are listed for one file. Past that they are the same mistake over
 * and over (a generated file, a pasted record), and listing tens of thousands of them would only make
 * every output format and the editor slow; one more diagnostic counts the rest.
 */
export const MAX_SCHEMA_DIAGNOSTICS = 100;


function unknownKeyDiagnostic(key: string, path: PathSegment[], known: readonly string[], rootNode: Node | undefined, lines: LineIndex): Diagnostic {
  const where = path.length > 0 ? `in "${formatPath(path)}"` : 'at the top level of the file';
  const keyNode = keySpan(rootNode, path, key);
  const span = keyNode ?? spanAtPath(rootNode, path);
  const suggestion = closestName(key, known);
  return {
    code: codeFor([...path, key]),
    severity: 'error',
    message: `Unknown key ${quotedName(key)} ${where}: remove it or correct its name.${suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`}`,
    range: lines.rangeOf(span.start, span.end),
    ...(keyNode && suggestion ? { fixes: [renameFix(`Rename to "${suggestion}"`, keyNode, suggestion, lines)] } : {}),
    data: { key, ...(suggestion ? { suggestion } : {}) },
  };
}

/**
 * The choice a wrong value most likely meant: a near miss ("dayly" → "daily"), or the one choice the
 * value spells out in full ("MONDAY" → "MON", "Feedback" → "feedback").
 */
function closestChoice(value: string, choices: readonly string[]): string | undefined {
  const near = closestName(value, choices);
  if (near !== undefined) return near;
  const lower = value.toLowerCase();
  const spelledOut = choices.filter((c) => c.length >= 3 && lower.startsWith(c.toLowerCase()));
  return spelledOut.length === 1 ? spelledOut[0] : undefined;
}

function issueDiagnostic(located: Located, schema: z.ZodType, rootNode: Node | undefined, lines: LineIndex): Diagnostic {
  const { issue, path } = located;
  const span = spanAtPath(rootNode, path);
  // A misspelled choice ("chatt") gets a fix to the choice it is closest to.
  const valueNode = nodeAt(rootNode, path);
  const suggestion = issue.code === 'invalid_value' && typeof issue.input === 'string' ? closestChoice(issue.input, issue.values.map(String)) : undefined;
  return {
    code: codeFor(path),
    severity: 'error',
    message: messageFor(located, schema, rootNode),
    range: lines.rangeOf(span.start, span.end),
    ...(suggestion && valueNode?.type === 'string' ? { fixes: [renameFix(`Change to "${suggestion}"`, span, suggestion, lines)] } : {}),
    data: { path, ...(suggestion ? { suggestion } : {}) },
  };
}

/**
 * Every zod issue as a diagnostic on the smallest span that is wrong: the value, an unknown key's name,
 * or for a missing key the opening brace of the object that should hold it. Up to `limit` are listed;
 * the rest are counted in one more diagnostic at the first one left out.
 */
export function schemaDiagnostics(issues: readonly Issue[], schema: z.ZodType, rootNode: Node | undefined, lines: LineIndex, limit = MAX_SCHEMA_DIAGNOSTICS): Diagnostic[] {
  const out: Diagnostic[] = [];
  let omitted = 0;
  let firstOmitted: Diagnostic | undefined;
  for (const located of flatten(issues, [])) {
    const { issue, path } = located;
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schema, path);
      for (const key of issue.keys) {
        if (out.length < limit) out.push(unknownKeyDiagnostic(key, path, known, rootNode, lines));
        else {
          omitted++;
          firstOmitted ??= unknownKeyDiagnostic(key, path, known, rootNode, lines);
        }
      }
      continue;
    }
    if (out.length < limit) out.push(issueDiagnostic(located, schema, rootNode, lines));
    else {
      omitted++;
      firstOmitted ??= issueDiagnostic(located, schema, rootNode, lines);
    }
  }
  if (firstOmitted) {
    out.push({
      code: firstOmitted.code,
      severity: 'error',
      message: `${omitted.toLocaleString('en-US')} more problem${omitted === 1 ? '' : 's'} like the ${limit} above ${omitted === 1 ? 'is' : 'are'} not listed, starting here: ${firstOmitted.message}`,
      range: firstOmitted.range,
      data: { omitted },
    });
  }
  return out;
}
