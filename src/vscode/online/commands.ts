import type { SfjobContext } from '../context';
import { fetchSampleCommand } from './fetch-sample';
import { refreshOrgMetadataCommand, validateQueryCommand } from './validate-query';

/** Handlers for the command table (src/vscode/commands.ts), loaded when one of them first runs: they reach jsforce. */
export const ONLINE_COMMAND_HANDLERS = {
  validateQuery: (ctx: SfjobContext) => (uri?: unknown) => validateQueryCommand(ctx, uri),
  refreshOrgMetadata: (ctx: SfjobContext) => (uri?: unknown) => refreshOrgMetadataCommand(ctx, uri),
  fetchSample: (ctx: SfjobContext) => (uri?: unknown) => fetchSampleCommand(ctx, uri),
};
