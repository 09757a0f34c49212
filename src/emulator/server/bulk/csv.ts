export const COLUMN_DELIMITERS: Record<string, string> = {
  COMMA: ',',
  TAB: '\t',
  PIPE: '|',
  SEMICOLON: ';',
  CARET: '^',
  BACKQUOTE: '`',
};

export const LINE_ENDINGS: Record<string, string> = { LF: '\n', CRLF: '\r\n' };

/**
 * Looks a column such as `Owner.Name` up in a serialized record, ignoring case as SOQL does: the
 * query may spell a field `ownerid` while the record carries `OwnerId`.
 */
export function valueAt(record: Record<string, unknown>, column: string): unknown {
  let current: unknown = record;
  for (const part of column.split('.')) {
    if (!current || typeof current !== 'object') return null;
    const lower = part.toLowerCase();
    const key = Object.keys(current).find((k) => k.toLowerCase() === lower);
    current = key === undefined ? null : (current as Record<string, unknown>)[key];
  }
  return current;
}

const STORED_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

/**
 * Bulk API 2.0 quotes every value and leaves a null empty. It writes datetimes in UTC with a `Z`
 * (`2024-05-01T10:00:00.000Z`), not in the REST form `…+0000`, so a client must read both.
 */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const raw = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const text = STORED_DATETIME.test(raw) ? `${raw.slice(0, -5)}Z` : raw;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLines(columns: readonly string[], records: readonly Record<string, unknown>[], delimiter: string, lineEnding: string, withHeader: boolean): string {
  const lines: string[] = [];
  if (withHeader) lines.push(columns.map((c) => cell(c)).join(delimiter));
  for (const record of records) lines.push(columns.map((c) => cell(valueAt(record, c))).join(delimiter));
  return lines.length === 0 ? '' : lines.join(lineEnding) + lineEnding;
}
