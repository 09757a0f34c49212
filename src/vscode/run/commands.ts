import type { SfjobContext } from '../context';
import { previewJobCommand } from '../preview/preview-command';
import { runJobCommand } from './run-command';
import { openRunOutputCommand, openRunReportCommand } from './run-files';

/** Handlers for the command table (src/vscode/commands.ts), loaded on the first run or preview. */
export const RUN_COMMAND_HANDLERS = {
  runJob: (ctx: SfjobContext) => (uri?: unknown) => runJobCommand(ctx, uri),
  previewJob: (ctx: SfjobContext) => (uri?: unknown) => previewJobCommand(ctx, uri),
  openRunOutput: (ctx: SfjobContext) => (arg?: unknown) => openRunOutputCommand(ctx, arg),
  openRunReport: (ctx: SfjobContext) => (arg?: unknown) => openRunReportCommand(ctx, arg),
};
