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

/** Bulk API 2.0 quotes every value and leaves a null empty. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLines(columns: readonly string[], records: readonly Record<string, unknown>[], delimiter: string, lineEnding: string, withHeader: boolean): string {
  const lines: string[] = [];
  if (withHeader) lines.push(columns.map((c) => cell(c)).join(delimiter));
  for (const record of records) lines.push(columns.map((c) => cell(valueAt(record, c))).join(delimiter));
  return lines.length === 0 ? '' : lines.join(lineEnding) + lineEnding;
}
