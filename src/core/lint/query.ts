import type { DescribeSource } from '../describe';
import { defaultSeverity, type Diagnostic } from '../diagnostics';
import { replacementFixes } from '../fixes/replacements';
import { nodeAt } from '../job/locate';
import { queryTextOf } from '../job/query-text';
import { analyzeSoql } from '../soql';
import type { JobDocument, QueryView } from './types';
import { cliRemedy } from '../remedies';

export interface QueryAnalysis {
  /** Undefined when the query is absent or does not parse far enough to know what it selects. */
  view?: QueryView;
  diagnostics: Diagnostic[];
}

/**
 * The one place the job checks meet the SOQL analyzer: the query text is decoded from the document
 * (a string or an array of lines), analyzed, and the analyzer's offsets are mapped back onto the
 * characters of the file, escapes and line breaks included.
 */
export function analyzeQuery(doc: JobDocument, describe: DescribeSource | undefined): QueryAnalysis {
  const node = nodeAt(doc.root, ['query']);
  const text = node ? queryTextOf(doc.text, node) : undefined;
  if (!text) return { diagnostics: [] };
  const analysis = analyzeSoql(text.text, describe ? { describe } : {});
  const diagnostics = analysis.problems.map((problem): Diagnostic => {
    const span = text.toDocumentRange(problem.start, problem.end);
    const range = doc.lines.rangeOf(span.start, span.end);
    // A span across two lines of a query array also covers the JSON between them; no fix is offered there.
    const replacements = text.text.slice(problem.start, problem.end).includes('\n') ? undefined : problem.replacements;
    return {
      code: problem.code,
      severity: problem.severity ?? defaultSeverity(problem.code),
      message: problem.code === 'not-described' ? notDescribedMessage(doc.path, problem.data?.object) : problem.message,
      range,
      ...(problem.data || replacements?.length ? { data: { ...problem.data, ...(replacements?.length ? { replacements } : {}) } } : {}),
      ...(replacements?.length ? { fixes: replacementFixes(range, replacements) } : {}),
    };
  });
  const returnsRecords = !analysis.problems.some((p) => p.code === 'soql-aggregate' || p.code === 'soql-group-by');
  return { view: analysis.facts ? { facts: analysis.facts, text, returnsRecords } : undefined, diagnostics };
}

/** Names the commands that describe the object, in the words of both faces (the CLI and the editor). */
function notDescribedMessage(jobPath: string, object: unknown): string {
  const file = jobPath.split(/[\\/]/).pop() ?? jobPath;
  return (
    `${String(object)} is not described yet in the describe cache, so its fields and their types are not checked against the org. ` +
    `Run ${cliRemedy('refresh-metadata', file)} (in VS Code: "sfjob: Refresh Org Metadata") to check them.`
  );
}
