/**
 * The one table of remedies: what a message tells its reader to do next, in the words of the face that
 * shows it. Messages are built in core, app, the runner and the Salesforce layer with the CLI's words
 * (`cliRemedy`), so the CLI prints them as they are; the editor passes every message through
 * `editorText`, which puts its own command in place of each CLI command the table knows. The editor
 * never names a CLI command it does not offer: a command without an editor counterpart is named as
 * something to type in the integrated terminal, where the extension puts `sfjob` on the PATH.
 */

export type RemedyId = 'authorize' | 'start-local-org' | 'fetch-sample' | 'refresh-metadata' | 'validate' | 'terminal';

export interface Remedy {
  id: RemedyId;
  /** The CLI sub-command that applies the remedy (`sfjob <cli> …`). */
  cli?: string;
  /** The editor's words for it; `arg` is the connection or file the CLI command names, if any. */
  editor(arg: string | undefined, typed: string): string;
  /**
   * What a leading "run" becomes in the editor when the editor's words are not a command to run
   * ("run `sfjob validate`" reads "see the Problems panel").
   */
  editorVerb?: string;
  /** The editor command that applies it, for a notification's button. */
  command?: { id: string; title: string };
}

const quoted = (title: string) => `"sfjob: ${title}"`;

export const REMEDIES: Record<RemedyId, Remedy> = {
  authorize: {
    id: 'authorize',
    cli: 'auth',
    editor: (connection) => `${quoted('Authorize Connection')}${connection ? ` for "${connection}"` : ''}`,
    command: { id: 'sfjob.authorizeConnection', title: 'Authorize Connection' },
  },
  'start-local-org': {
    id: 'start-local-org',
    cli: 'emulator',
    editor: () => quoted('Start Local Org'),
    command: { id: 'sfjob.startLocalOrg', title: 'Start Local Org' },
  },
  'fetch-sample': {
    id: 'fetch-sample',
    cli: 'sample',
    editor: () => quoted('Fetch Sample'),
    command: { id: 'sfjob.fetchSample', title: 'Fetch Sample' },
  },
  'refresh-metadata': {
    id: 'refresh-metadata',
    cli: 'describe',
    editor: () => quoted('Refresh Org Metadata'),
    command: { id: 'sfjob.refreshOrgMetadata', title: 'Refresh Org Metadata' },
  },
  validate: {
    id: 'validate',
    cli: 'validate',
    editor: () => 'the Problems panel',
    editorVerb: 'see',
  },
  // Options the editor's commands do not offer (a run from a chosen instant, the next run times): the
  // same command, typed in the integrated terminal.
  terminal: {
    id: 'terminal',
    editor: (_arg, typed) => `"${typed}" in the integrated terminal`,
  },
};

const BY_CLI = new Map(Object.values(REMEDIES).flatMap((remedy) => (remedy.cli ? [[remedy.cli, remedy] as const] : [])));

/** The CLI's words for a remedy: the command to type, in double quotes (`"sfjob auth acme-prod"`). */
export function cliRemedy(id: Exclude<RemedyId, 'terminal'>, arg?: string): string {
  return `"sfjob ${REMEDIES[id].cli ?? ''}${arg ? ` ${arg}` : ''}"`;
}

/** The remedy a CLI command line names: the table's entry for its sub-command, else the terminal. */
export function remedyOfCommand(typed: string): Remedy {
  const sub = /^sfjob ([a-z-]+)/.exec(typed)?.[1];
  return (sub && BY_CLI.get(sub)) || REMEDIES.terminal;
}

/** The argument a CLI command names after its sub-command (the connection or the file), without options. */
function argumentOf(typed: string): string | undefined {
  return typed.split(' ').slice(2).find((word) => !word.startsWith('-') && !word.startsWith('<'));
}

/**
 * An aside that already names the editor's command ("(in VS Code: "sfjob: …")", "(or "sfjob: …" in VS
 * Code)"): in the editor it repeats what the message now says, so it goes.
 */
const EDITOR_ASIDE = / ?\((?:or |in VS Code: )"sfjob: [^"]+"(?: in VS Code)?\)/g;

/** A CLI command quoted in a message, with the "run" before it if there is one: `run "sfjob auth x"`, `(sfjob auth x)`. */
const CLI_COMMAND = /(?:\b([Rr]un) )?(?:"(sfjob [a-z][^"]*)"|\((sfjob [a-z][^)]*)\))/g;

/** A message as the editor shows it: each CLI command replaced by the editor's own way to do it. */
export function editorText(message: string): string {
  return message.replace(EDITOR_ASIDE, '').replace(CLI_COMMAND, (_whole, verb: string | undefined, inQuotes: string | undefined, inParens: string | undefined) => {
    const typed = (inQuotes ?? inParens ?? '').trim();
    const remedy = remedyOfCommand(typed);
    const words = remedy.editor(argumentOf(typed), typed);
    const lead = verb ? `${remedy.editorVerb && verb[0] === 'R' ? remedy.editorVerb[0].toUpperCase() + remedy.editorVerb.slice(1) : (remedy.editorVerb ?? verb)} ` : '';
    return inParens !== undefined ? `(${lead}${words})` : `${lead}${words}`;
  });
}

/** The remedies a message names, in order, each once, with the argument its CLI command names (a connection, a file). */
export function remediesIn(message: string): { remedy: Remedy; arg?: string }[] {
  const found: { remedy: Remedy; arg?: string }[] = [];
  for (const match of message.matchAll(CLI_COMMAND)) {
    const typed = (match[2] ?? match[3] ?? '').trim();
    const remedy = remedyOfCommand(typed);
    const arg = argumentOf(typed);
    if (!found.some((f) => f.remedy === remedy)) found.push({ remedy, ...(arg ? { arg } : {}) });
  }
  return found;
}
