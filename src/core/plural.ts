/**
 * A count with its noun in the right number: "1 record", "2 records", "1 match", "3 matches". Every
 * count the CLI, the runner and the editor print goes through here, so "1 documents" cannot come back.
 * The plural is given when adding "s" is wrong.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
