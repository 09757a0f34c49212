/**
 * One line about a SOQL word a job's query may hold, for hovers: what it does in a connector query.
 * Field names are explained by describe data or the sample instead.
 */
const WORDS: Record<string, string> = {
  SELECT: 'Starts the list of fields each record brings; every field a mapping or expression uses must be in it.',
  FROM: 'The object whose records the job reads, one document per record (for chat and sms, one conversation).',
  WHERE: 'Conditions a record must meet. Each run adds its own window on the dateField to these.',
  AND: 'Both conditions must hold.',
  OR: 'Either condition may hold; wrap it in parentheses next to AND.',
  NOT: 'Negates the condition after it.',
  LIKE: "Text pattern match, case-insensitive: % is any run of characters, _ one character ('Printer%').",
  IN: "Equal to one of the listed values: Status IN ('New', 'Open').",
  INCLUDES: 'For multi-select picklists: holds any of the listed values.',
  EXCLUDES: 'For multi-select picklists: holds none of the listed values.',
  ORDER: 'ORDER BY sorts the records; the connector reads each window in this order.',
  BY: 'ORDER BY sorts the records; the connector reads each window in this order.',
  ASC: 'Ascending order (the default).',
  DESC: 'Descending order.',
  NULLS: 'NULLS FIRST or NULLS LAST: where records without a value sort.',
  LIMIT: 'The most records one query returns; it applies to every incremental window, so later records of a window would be missed.',
  OFFSET: 'Skips this many records (at most 2,000); it applies to every window.',
  WITH: 'WITH SECURITY_ENFORCED: fail instead of returning fields the user may not read.',
  SECURITY_ENFORCED: 'Fails the query when it names a field or object the user may not read.',
  USING: 'USING SCOPE limits the records to a scope such as mine or team.',
  SCOPE: 'USING SCOPE limits the records to a scope such as mine or team.',
  NULL: 'No value: compare with = null or != null.',
  TODAY: 'Date literal: from 00:00 today to 00:00 tomorrow, in the org\'s time zone.',
  YESTERDAY: 'Date literal: the whole of yesterday.',
  LAST_N_DAYS: 'Date literal LAST_N_DAYS:n: from n days ago up to now.',
  LAST_WEEK: 'Date literal: the whole of last week.',
  THIS_WEEK: 'Date literal: the whole of this week.',
  LAST_MONTH: 'Date literal: the whole of last month.',
  THIS_MONTH: 'Date literal: the whole of this month.',
  LAST_YEAR: 'Date literal: the whole of last year.',
  THIS_YEAR: 'Date literal: the whole of this year.',
  TOLABEL: 'toLabel(field): the translated label of a picklist value instead of its API value.',
  FORMAT: 'FORMAT(field): the value formatted for the running user\'s locale.',
  CONVERTCURRENCY: 'convertCurrency(field): the amount in the running user\'s currency.',
  FIELDS: 'FIELDS(STANDARD): every standard field of the object.',
  TYPEOF: 'TYPEOF picks the fields of a polymorphic lookup by the type of record it points to.',
  CALENDAR_YEAR: 'The year of a date or datetime field.',
  CALENDAR_MONTH: 'The month (1–12) of a date or datetime field.',
  DAY_ONLY: 'The date part of a datetime field.',
};

/** The explanation of a SOQL keyword, literal or function; undefined for anything else (a field name). */
export function soqlWordDoc(word: string): string | undefined {
  const key = word.toUpperCase().replace(/:\d*$/, '');
  return Object.prototype.hasOwnProperty.call(WORDS, key) ? WORDS[key] : undefined;
}
