import { spanAtPath } from '../../job/locate';
import { closestName } from '../suggest';
import { diagnosticAt, replaceStringEdit } from '../edits';
import { defineRule } from '../types';

/**
 * A job names its connection; a name missing from sfjob.connections.json cannot be authorized, and a
 * workspace without that file has no connection at all, so the job would pass the checks and fail to run.
 */
export const unknownConnection = defineRule({
  id: 'unknown-connection',
  codes: ['unknown-connection'],
  needs: [],
  check: ({ doc, job, connectionNames, noConnectionsFile }) => {
    const name = job.connection;
    if (name === undefined) return [];
    const span = spanAtPath(doc.root, ['connection']);
    if (connectionNames === undefined) {
      if (!noConnectionsFile) return [];
      return [
        diagnosticAt(
          doc,
          span,
          'unknown-connection',
          `The job uses connection "${name}", but there is no sfjob.connections.json in the job's folder or above it. Create sfjob.connections.json at the workspace root with a "${name}" connection ({ "connections": { "${name}": { "environmentUrl": …, "flow": … } } }).`,
          { data: { connection: name, known: [], noConnectionsFile: true } },
        ),
      ];
    }
    if (connectionNames.includes(name)) return [];
    const guess = closestName(name, connectionNames);
    const known = connectionNames.length > 0 ? `Known connections: ${connectionNames.map((n) => `"${n}"`).join(', ')}.` : 'The file defines no connections yet.';
    const hint = guess ? ` Did you mean "${guess}"?` : '';
    return [
      diagnosticAt(doc, span, 'unknown-connection', `No connection "${name}" in sfjob.connections.json.${hint} ${known} Add it there, or name an existing one.`, {
        fixes: guess ? [{ title: `Use "${guess}"`, edits: [replaceStringEdit(doc, span, guess)], preferred: true }] : undefined,
        data: { connection: name, known: [...connectionNames], ...(guess ? { suggestion: guess } : {}) },
      }),
    ];
  },
});
