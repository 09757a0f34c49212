import type { SfRecord } from '../core/run/types';
import { writeFileDurably } from './durable';

/**
 * The sample a job names, written whole or not at all: a reader (the checks, the preview, the editor)
 * sees the old file or the new one, never half of one.
 */

/** Writes the records as the sample file: a JSON array, as the checks and the preview read it. */
export async function writeSampleFile(file: string, records: readonly SfRecord[]): Promise<void> {
  await writeFileDurably(file, `${JSON.stringify(records, null, 2)}\n`);
}

/** Writes the same records as CSV (`sfjob sample --csv`), text already made by the caller. */
export async function writeSampleCsv(file: string, csv: string): Promise<void> {
  await writeFileDurably(file, csv);
}
