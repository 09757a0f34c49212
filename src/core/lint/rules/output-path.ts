import type { Diagnostic } from '../../diagnostics';
import { nodeAt } from '../../job/locate';
import { queryTextOf } from '../../job/query-text';
import { diagnosticAt } from '../edits';
import { defineRule } from '../types';

const PLACEHOLDERS = ['{job}', '{runId}', '{date}'];

/**
 * Every run writes a new file and never replaces a published one, which only holds when each run's path
 * differs: the output path must contain {runId}. An unknown placeholder would be written literally.
 */
export const outputPath = defineRule({
  id: 'output-path',
  codes: ['schema'],
  needs: [],
  check: ({ doc, job }) => {
    const template = job.output?.path;
    const node = nodeAt(doc.root, ['output', 'path']);
    if (template === undefined || node?.type !== 'string') return [];
    const decoded = queryTextOf(doc.text, node);
    const out: Diagnostic[] = [];
    const whole = { start: node.offset, end: node.offset + node.length };
    if (!template.includes('{runId}')) {
      const dot = template.lastIndexOf('.');
      const example = dot > template.lastIndexOf('/') && dot > 0 ? `${template.slice(0, dot)}-{runId}${template.slice(dot)}` : `${template}/{runId}.jsonl`;
      out.push(
        diagnosticAt(doc, whole, 'schema', `output.path must contain {runId}, so each run writes a new file instead of overwriting the last one; for example "${example}".`, {
          data: { key: 'output.path', missing: '{runId}' },
        }),
      );
    }
    for (const match of template.matchAll(/\{[^{}]*\}/g)) {
      if (PLACEHOLDERS.includes(match[0])) continue;
      const span = decoded ? decoded.toDocumentRange(match.index, match.index + match[0].length) : whole;
      out.push(diagnosticAt(doc, span, 'schema', `${match[0]} is not a placeholder of output.path; use ${PLACEHOLDERS.join(', ')}.`, { data: { key: 'output.path', placeholder: match[0] } }));
    }
    return out;
  },
});
