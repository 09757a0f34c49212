import { CliUsageError } from '../command';
import { formatGithub } from './github';
import { formatJson } from './json';
import { type FileReport, type OutputFormat, OUTPUT_FORMATS } from './report';
import { formatSarif } from './sarif';
import { formatText } from './text';

export type { FileReport, OutputFormat } from './report';

export function parseFormat(value: string | undefined): OutputFormat {
  const format = (value ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) {
    throw new CliUsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')} (got "${value}").`);
  }
  return format;
}

export function formatReports(files: readonly FileReport[], format: OutputFormat, version: string): string {
  switch (format) {
    case 'json':
      return formatJson(files);
    case 'sarif':
      return formatSarif(files, version);
    case 'github':
      return formatGithub(files);
    default:
      return formatText(files);
  }
}
