import { nodeAt } from '../../job/locate';
import { diagnosticAt } from '../edits';
import { defineRule } from '../types';

/**
 * `output.format: "csv"` writes XM Discover's individual-feedback layout: one row per document. A chat
 * or sms document is a conversation, which that layout cannot hold (XM's digital-interaction upload
 * has one row per line of dialogue instead), so conversational jobs keep JSON lines and a csv format
 * on them is an error rather than a file the upload would misread.
 */
export const outputFormat = defineRule({
  id: 'output-format',
  codes: ['schema'],
  needs: [],
  check: ({ doc, job }) => {
    if (job.feedbackType === 'feedback' || job.output?.format !== 'csv') return [];
    const node = nodeAt(doc.root, ['output', 'format']);
    if (!node) return [];
    return [
      diagnosticAt(
        doc,
        { start: node.offset, end: node.offset + node.length },
        'schema',
        `output.format "csv" is XM Discover's individual-feedback layout (one row per document); ${job.feedbackType} documents are conversations, which it cannot hold. Remove output.format (${job.feedbackType} jobs write JSON lines).`,
      ),
    ];
  },
});
