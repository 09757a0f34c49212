import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SfRecord } from '../../../src/core/run/types';
import type { RunJobOptions } from '../../../src/runner';
import { feedbackRecord, job } from '../core/run/helpers';

/** A throwaway workspace folder with a job file in it; removed by the caller's `after`. */
export async function makeWorkspace(): Promise<{ root: string; jobPath: string; remove(): Promise<void> }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'sfjob-runner-'));
  const jobPath = path.join(root, 'jobs', 'support.sfjob.json');
  await fs.mkdir(path.dirname(jobPath), { recursive: true });
  await fs.writeFile(jobPath, '{}');
  return { root, jobPath, remove: () => fs.rm(root, { recursive: true, force: true }) };
}

export async function listFiles(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

export async function readJsonLines(file: string): Promise<Record<string, unknown>[]> {
  const text = await fs.readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The given pages, one after the other, as a run's source. */
export async function* pagesOf(...list: SfRecord[][]): AsyncGenerator<SfRecord[]> {
  for (const page of list) yield page;
}

/** A fresh workspace for each test of the calling suite (its beforeEach/afterEach hooks); read it inside tests. */
export function useWorkspace(): { readonly root: string; readonly jobPath: string } {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>> | undefined;
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(async () => {
    await workspace?.remove();
  });
  return {
    get root() {
      if (!workspace) throw new Error('the workspace exists only inside a test');
      return workspace.root;
    },
    get jobPath() {
      if (!workspace) throw new Error('the workspace exists only inside a test');
      return workspace.jobPath;
    },
  };
}

/** Options for a run of the workspace's job over two feedback records with a verbatim comment; tests change what they need. */
export function runOptions(workspace: { root: string; jobPath: string }, overrides: Partial<RunJobOptions> = {}): RunJobOptions {
  const day = (n: number): string => `2024-05-${String(n).padStart(2, '0')}T10:00:00.000+0000`;
  return {
    jobPath: workspace.jobPath,
    job: job({ mapping: { fields: [{ source: 'Comment__c', type: 'verbatim' }] } }),
    source: pagesOf([feedbackRecord('a1', day(1), { Comment__c: 'good' }), feedbackRecord('a2', day(2), { Comment__c: 'bad' })]),
    now: new Date('2026-11-25T08:00:00.000Z'),
    workspaceRoot: workspace.root,
    ...overrides,
  };
}
