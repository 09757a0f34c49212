import type { DescribeSource, SObjectDescribe } from '../describe';
import { closestNames, resolveFieldPath } from './describe-paths';
import type { AnalyzedField } from './selected-fields';
import type { SoqlProblem } from './types';

export interface ObjectCheck {
  object?: SObjectDescribe;
  problems: SoqlProblem[];
}

/** Looks the FROM object up in the describe data; an unknown one gets "did you mean" suggestions. */
export function checkObject(describe: DescribeSource, name: string, start: number, end: number): ObjectCheck {
  const object = describe.object(name);
  if (object) return { object, problems: [] };
  // Describe data is partial knowledge: an object the cache has not described yet may well exist.
  if (!describe.isAbsent?.(name)) {
    const message = `${name} is not described yet in the describe cache, so its fields and their types are not checked against the org. Describe it to check them.`;
    return { problems: [{ code: 'not-described', message, start, end, data: { object: name } }] };
  }
  const suggestions = closestNames(name, describe.objectNames());
  return {
    problems: [
      {
        code: 'unknown-object',
        message: `The org has no object '${name}'${didYouMean(suggestions)}. Check the spelling, or refresh the describe cache if it was created recently.`,
        start,
        end,
        data: { object: name, suggestions },
        replacements: suggestions,
      },
    ],
  };
}

/**
 * Checks each plainly selected field (and each segment of a relationship path) against the describe
 * data. Paths through objects that are not cached are left alone: absence of data is not an error.
 */
export function checkFields(describe: DescribeSource, object: SObjectDescribe, fields: readonly AnalyzedField[]): SoqlProblem[] {
  const problems: SoqlProblem[] = [];
  for (const field of fields) {
    if (field.kind !== 'field') continue;
    const resolved = resolveFieldPath(describe, object.name, field.path);
    if (resolved.status !== 'missing') continue;
    const segments = field.path.split('.');
    const offset = segments.slice(0, resolved.segmentIndex).reduce((sum, s) => sum + s.length + 1, 0);
    const isRelationship = resolved.segmentIndex < segments.length - 1;
    const names = isRelationship
      ? resolved.object.fields.map((f) => f.relationshipName).filter((n): n is string => !!n)
      : resolved.object.fields.map((f) => f.name);
    const suggestions = closestNames(resolved.segment, names);
    const what = isRelationship ? 'relationship' : 'field';
    problems.push({
      code: 'unknown-field',
      message: `${resolved.object.name} has no ${what} '${resolved.segment}'${didYouMean(suggestions)}. Check the spelling, or refresh the describe cache if it was added recently.`,
      start: field.start + offset,
      end: field.start + offset + resolved.segment.length,
      data: { object: resolved.object.name, field: resolved.segment, path: field.path, suggestions },
      replacements: suggestions,
    });
  }
  return problems;
}

function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  return ` (did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?)`;
}
