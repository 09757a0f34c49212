import type { SelectedField } from '../validate-api';

/** The record keys a query's rows will have: the alias when a field has one, else its path as written. */
export function selectedKeys(fields: readonly SelectedField[]): string[] {
  return fields.map((f) => f.alias ?? f.path);
}

/** FIELDS(ALL) and friends select fields the query does not name, so "not selected" cannot be judged. */
export function selectsUnnamedFields(fields: readonly SelectedField[]): boolean {
  return fields.some((f) => /^FIELDS\s*\(/i.test(f.path));
}

/** Looks names up without case, as SOQL does, keeping each name's spelling. */
export function byLowerCase(names: Iterable<string>): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of names) if (!map.has(name.toLowerCase())) map.set(name.toLowerCase(), name);
  return map;
}
