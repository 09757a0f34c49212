import type { Diagnostic, DiagnosticCode, Range } from '../diagnostics';

/**
 * One mistake, one error. A check that depends on a fact another check already found broken has nothing
 * true to add: an aggregate query has no record fields to pick a dateField from, a chat job reading Case
 * misses Body because of the object, not because of the SELECT list. Each entry says which findings make
 * which others redundant; `sameRange` limits it to findings on the same characters.
 */
interface Dependency {
  when: readonly DiagnosticCode[];
  quiet: (diagnostic: Diagnostic) => boolean;
  sameRange?: boolean;
}

const codes =
  (...list: DiagnosticCode[]) =>
  (diagnostic: Diagnostic): boolean =>
    list.includes(diagnostic.code);

/** Fields a chat or sms job reads without naming them; missing them is the object's fault when the object is wrong. */
const readByDefault = (diagnostic: Diagnostic): boolean => diagnostic.code === 'field-not-selected' && diagnostic.data?.readByDefault === true;

const DEPENDENCIES: readonly Dependency[] = [
  {
    // Summary rows have no record fields: the date field, the mapping and field names cannot be judged.
    when: ['soql-aggregate', 'soql-group-by'],
    quiet: codes('no-date-candidate', 'date-field-not-selected', 'date-field-not-date', 'field-not-filterable', 'field-not-selected', 'field-case', 'field-not-in-sample'),
  },
  {
    // With no date field selected at all, the dateField cannot be selected or be a date either.
    when: ['no-date-candidate'],
    quiet: codes('date-field-not-selected', 'date-field-not-date', 'field-not-filterable'),
  },
  {
    // A field the query leaves out is not judged further on the same characters.
    when: ['date-field-not-selected'],
    quiet: codes('date-field-not-date', 'field-not-filterable'),
    sameRange: true,
  },
  {
    when: ['field-not-selected'],
    quiet: codes('field-not-in-sample'),
    sameRange: true,
  },
  {
    // The wrong object explains the missing transcript fields and the missing date fields.
    when: ['feedback-type-object'],
    quiet: (d) => codes('unknown-field', 'no-date-candidate', 'date-field-not-date', 'field-not-filterable')(d) || readByDefault(d),
  },
  {
    // An object the org does not have cannot fit the feedbackType either.
    when: ['unknown-object'],
    quiet: codes('feedback-type-object', 'no-date-candidate'),
  },
  {
    // A misspelled date field in SELECT is one mistake, not also "no date field".
    when: ['unknown-field'],
    quiet: codes('no-date-candidate'),
  },
];

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The diagnostics without those that another finding already explains. */
export function withoutDependents(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter(
    (candidate) =>
      !DEPENDENCIES.some(
        (dependency) =>
          dependency.quiet(candidate) &&
          diagnostics.some((cause) => cause !== candidate && dependency.when.includes(cause.code) && (!dependency.sameRange || sameRange(cause.range, candidate.range))),
      ),
  );
}
