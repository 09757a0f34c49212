import { buildDescribes } from './describe/build';
import { OBJECT_DEFINITIONS } from './describe/objects';
import { generateOrgData } from './generate/generate';
import { to18 } from './ids';
import { loadDataDir } from './load';
import { MemoryOrg } from './store';
import type { CreateOrgOptions } from './types';

export const DEFAULT_SEED = 4510;

/** Builds the emulator's org: describes, then generated records (deterministic for a seed and `now`), then `dataDir` files over them. */
export function createOrg(options: CreateOrgOptions = {}): MemoryOrg {
  const seed = options.seed ?? DEFAULT_SEED;
  const fixedNow = options.now;
  const now = fixedNow ?? new Date();
  const org = new MemoryOrg(buildDescribes(OBJECT_DEFINITIONS), {
    orgId: to18('00D5g000004sfJb'),
    clock: options.clock ?? (() => fixedNow ?? new Date()),
  });
  generateOrgData(org, { seed, now, records: options.records ?? {} });
  if (options.dataDir !== undefined) loadDataDir(org, options.dataDir);
  return org;
}
