import type { ResolvedJob } from '../job/resolve';
import { jsonFromPieces } from './content-hash';
import type { DocumentJson, OutputDocument } from './types';

/**
 * Documents → output lines. jsonl writes one JSON object a line. csv needs its columns before the first
 * document, so they come from the job: the default fields, then each mapped attribute and verbatim,
 * then (chat, sms) the conversation as JSON in one cell. Lines end with "\n"; csv follows RFC 4180
 * quoting, so a value holding a comma, quote or line break stays one cell.
 */

export interface Serializer {
  /** The text before the first document ('' for jsonl). */
  header: string;
  /** `json`, when given, is the document's JSON from hashing it, still current (see content-hash.ts). */
  line(document: OutputDocument, json?: DocumentJson): string;
  /** At most this many documents a file; a run with more is written in parts, each with the header. */
  maxRowsPerFile?: number;
}

/** XM Discover's individual-feedback upload: at most 100,000 rows a file. */
export const CSV_MAX_ROWS_PER_FILE = 100_000;

const DEFAULT_COLUMNS = ['natural_id', 'document_date', 'feedback_provider', 'source_value', 'feedback_type', 'job_name', 'project', 'loadDate'] as const;

export function createSerializer(job: Pick<ResolvedJob, 'output' | 'mapping' | 'feedbackType'>): Serializer {
  if (job.output.format === 'jsonl') {
    return { header: '', line: (document, json) => `${json ? jsonFromPieces(json, document.loadDate) : JSON.stringify(document)}\n` };
  }

  const attributeNames: string[] = [];
  const verbatimNames: string[] = [];
  for (const field of job.mapping.fields) {
    if (field.type === 'skip') continue;
    const name = field.name ?? (typeof field.source === 'string' ? field.source : 'field' in field.source ? field.source.field : undefined);
    if (name === undefined) continue;
    const list = field.type === 'verbatim' ? verbatimNames : attributeNames;
    if (!list.includes(name)) list.push(name);
  }
  const withConversation = job.feedbackType !== 'feedback';
  const columns = [...DEFAULT_COLUMNS, ...attributeNames, ...verbatimNames, ...(withConversation ? ['conversation'] : [])];
  return {
    header: `${columns.map(csvCell).join(',')}\n`,
    maxRowsPerFile: CSV_MAX_ROWS_PER_FILE,
    line(document) {
      const cells: unknown[] = DEFAULT_COLUMNS.map((column) => document[column]);
      for (const name of attributeNames) cells.push(document.attributes[name]);
      for (const name of verbatimNames) cells.push(document.verbatims[name]);
      if (withConversation) cells.push(document.conversation);
      return `${cells.map(csvCell).join(',')}\n`;
    },
  };
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
