import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { syncFolder } from './durable';
import type { PublicationRecord } from './state-db';
import { decodeState } from './state-json';

/**
 * A run's documents and its new state must land together: documents published without their state
 * would be pulled and written again by the next run, a state without its documents would lose them.
 * A rename and a database commit cannot be one atomic step, so the run first records its new state
 * with the publication it belongs with (which temporary output file becomes which file), then renames
 * the output into place, then merges the state. A process killed in between leaves the publication
 * recorded, and the next run finishes the step or undoes it here.
 */

export interface PublicationChecks {
  isOwnTemporary(file: string): Promise<boolean>;
  isInsideWorkspace(file: string): Promise<boolean>;
}

/**
 * Settles a publication a killed run left recorded: true when its output file was put in place (its
 * final name exists, and its temporary name is gone or is the same file), so the staged state is to
 * be kept; otherwise the output never appeared, its temporary file (and parts published before it)
 * are removed, and the staged state is to be dropped. The paths are acted on only when they are the
 * job's own (`isOwnTemporary`, the target inside the workspace): a record written by someone else must
 * not make a run delete a file.
 */
export async function settlePublication(folder: string, named: Partial<PublicationRecord> | undefined, checks: PublicationChecks): Promise<boolean> {
  let publishes: { temporary: string; target: string } | undefined;
  const others: { temporary: string; target: string }[] = [];
  if (typeof named?.temporary === 'string' && typeof named.target === 'string') {
    const temporary = path.resolve(folder, named.temporary);
    const target = path.resolve(folder, named.target);
    if ((await checks.isOwnTemporary(temporary)) && (await checks.isInsideWorkspace(target))) publishes = { temporary, target };
  }
  // The other parts of a csv run (csv-output.ts) are acted on under the same rules, and only as part
  // files beside the last part: a record written by someone else must not name any other file.
  for (const other of publishes && Array.isArray(named?.others) ? named.others : []) {
    if (typeof other?.temporary !== 'string' || typeof other.target !== 'string') continue;
    const temporary = path.resolve(folder, other.temporary);
    const target = path.resolve(folder, other.target);
    const besideLast = path.dirname(target) === path.dirname(publishes!.target) && /-part\d+(\.[^./\\]*)?$/.test(target);
    if (besideLast && (await checks.isOwnTemporary(temporary)) && (await checks.isInsideWorkspace(target))) others.push({ temporary, target });
  }
  const stats = async (file: string) => fs.stat(file).catch(() => undefined);
  if (publishes) {
    const target = await stats(publishes.target);
    const temporary = await stats(publishes.temporary);
    if (target && (!temporary || (temporary.ino === target.ino && temporary.dev === target.dev))) {
      if (temporary) await fs.rm(publishes.temporary, { force: true });
      for (const other of others) await fs.rm(other.temporary, { force: true });
      return true;
    }
    await fs.rm(publishes.temporary, { force: true });
  }
  // Parts published before the last one are taken back: without the state they would be delivered twice.
  for (const other of others) {
    await fs.rm(other.temporary, { force: true });
    await fs.rm(other.target, { force: true });
  }
  return false;
}

/** Where earlier versions staged a run's new state (`<job>.json.next`, naming its output as `publishes`). */
export function stagedStatePath(statePath: string): string {
  return `${statePath}.next`;
}

/**
 * Settles a commit an earlier version left half done: its staged state file is moved into place (to
 * be migrated) when its output was published, and removed otherwise. A staged file that cannot be read
 * was cut short before any rename, so nothing was published.
 */
export async function settleStagedJsonState(statePath: string, checks: PublicationChecks): Promise<'published' | 'discarded' | undefined> {
  const staged = stagedStatePath(statePath);
  let text: string;
  try {
    text = await fs.readFile(staged, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let named: Partial<PublicationRecord> | undefined;
  try {
    const value = JSON.parse(text) as { publishes?: Partial<PublicationRecord> };
    decodeState(value);
    named = value.publishes;
  } catch {
    named = undefined;
  }
  if (named && (await settlePublication(path.dirname(statePath), named, checks))) {
    await fs.rename(staged, statePath);
    await syncFolder(path.dirname(statePath));
    return 'published';
  }
  await fs.rm(staged, { force: true });
  return 'discarded';
}
