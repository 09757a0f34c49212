import { secretDiagnostics } from '../../secrets';
import { defineRule } from '../types';

/** A job file is kept in git, so a credential written in it is leaked the moment it is committed. */
export const secretInFile = defineRule({
  id: 'secret-in-file',
  codes: ['secret-in-file'],
  needs: [],
  check: ({ doc }) => secretDiagnostics(doc.text, doc.root, doc.lines, 'job file'),
});
