import { DATE_TYPES, type DescribeSource } from '../describe';
import type { SelectedField } from '../validate-api';
import { resolveFieldPath } from './describe-paths';

/**
 * Decides which selected fields can serve as the job's dateField. Offline the decision is by name;
 * with describe data it is by the field's type. Both answer the same question, so the analyzer takes
 * whichever the host can provide.
 */
export interface DateCandidateSource {
  /** The selected paths (as written) that are date or datetime fields, in SELECT order. */
  dateCandidates(object: string | undefined, fields: readonly SelectedField[]): string[];
}

/** Standard date and datetime fields of the objects connector jobs read. */
const STANDARD_DATE_FIELDS = new Set(
  [
    'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'ClosedDate', 'CloseDate', 'StartTime', 'EndTime',
    'EntryTime', 'ActivityDate', 'ActivityDateTime', 'LastActivityDate', 'LastViewedDate', 'LastReferencedDate',
    'RequestTime', 'AcceptTime', 'CompletedDateTime', 'ReminderDateTime', 'EndDateTime', 'StartDateTime',
    'FirstResponseDateTime', 'BirthDate', 'ConvertedDate', 'LastLoginDate', 'ExpirationDate', 'DueDate',
  ].map((name) => name.toLowerCase()),
);

/** Names that look like dates but hold durations or counts (LiveChatTranscript's WaitTime is seconds). */
const NOT_DATES = /(WaitTime|ResponseTime\w*|Duration\w*|TimeZone\w*|TimeSidKey|DateFormat\w*|TimeFormat\w*|HandleTime\w*)$/i;

const DATE_LIKE_NAMES = /(Date|DateTime|Time|Stamp|_At__c|Date__c|Time__c|_On__c)$/i;

export function looksLikeDateField(path: string): boolean {
  const name = path.slice(path.lastIndexOf('.') + 1);
  if (STANDARD_DATE_FIELDS.has(name.toLowerCase())) return true;
  return !NOT_DATES.test(name) && DATE_LIKE_NAMES.test(name);
}

export const dateCandidatesByName: DateCandidateSource = {
  dateCandidates: (_object, fields) => unique(fields.filter((f) => looksLikeDateField(f.path)).map((f) => f.path)),
};

/**
 * Uses the field types from describe data. A field the data cannot resolve (the object or a related
 * object is not cached) falls back to its name, so a partial cache never hides a good candidate.
 */
export function dateCandidatesFromDescribe(describe: DescribeSource): DateCandidateSource {
  return {
    dateCandidates(object, fields) {
      const candidates: string[] = [];
      for (const field of fields) {
        const macro = FIELDS_MACRO.exec(field.path);
        if (macro) {
          candidates.push(...macroDateFields(describe, object, macro[1].toUpperCase()));
          continue;
        }
        const resolved = object ? resolveFieldPath(describe, object, field.path) : { status: 'unresolved' as const };
        if (resolved.status === 'found' ? DATE_TYPES.has(resolved.field.type) : resolved.status === 'unresolved' && looksLikeDateField(field.path)) {
          candidates.push(field.path);
        }
      }
      return unique(candidates);
    },
  };
}

const FIELDS_MACRO = /^FIELDS\(\s*(ALL|STANDARD|CUSTOM)\s*\)$/i;

/** The date fields FIELDS(ALL|STANDARD|CUSTOM) brings, as far as the describe data tells; custom fields end in __c. */
function macroDateFields(describe: DescribeSource, object: string | undefined, group: string): string[] {
  const described = object ? describe.object(object) : undefined;
  if (!described) return [];
  return described.fields
    .filter((f) => DATE_TYPES.has(f.type))
    .filter((f) => group === 'ALL' || (group === 'CUSTOM') === f.name.toLowerCase().endsWith('__c'))
    .map((f) => f.name);
}

function unique(paths: string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((path) => {
    const key = path.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
