import { spanAtPath } from '../../job/locate';
import { closestName } from '../suggest';
import { diagnosticAt, replaceStringEdit } from '../edits';
import { defineRule } from '../types';

/** A job names its connection; a name missing from sfjob.connections.json cannot be authorized. */
export const unknownConnection = defineRule<'connections'>({
  id: 'unknown-connection',
  codes: ['unknown-connection'],
  needs: ['connections'],
  check: ({ doc, job, connectionNames }) => {
    const name = job.connection;
    if (name === undefined || connectionNames.includes(name)) return [];
    const span = spanAtPath(doc.root, ['connection']);
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
