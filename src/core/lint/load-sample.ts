import type { Diagnostic } from '../diagnostics';
import { nodeAt, spanAtPath } from '../job/locate';
import type { Job } from '../job/schema';
import { type SampleRecords, defaultSamplePath, readSample } from './sample';
import type { JobDocument } from './types';

export interface LoadedSample {
  records?: SampleRecords;
  diagnostics: Diagnostic[];
}

/**
 * Finds the job's sample: the `sample` key, else `<job>.sample.json` beside the job. A sample that
 * is named but missing, or that does not hold records, is a `sample-invalid` warning: the checks that
 * need it are skipped, the rest still run.
 */
export function loadSample(doc: JobDocument, job: Partial<Job>, readFile: (path: string) => string | undefined): LoadedSample {
  const explicit = job.sample;
  const path = explicit ?? defaultSamplePath(doc.path);
  const text = readFile(path);
  // The diagnostic sits on the `sample` value when the job names one, else on the file's first brace.
  const span = explicit !== undefined && nodeAt(doc.root, ['sample']) ? spanAtPath(doc.root, ['sample']) : { start: doc.root.offset, end: doc.root.offset + 1 };
  const range = doc.lines.rangeOf(span.start, span.end);
  if (text === undefined) {
    if (explicit === undefined) return { diagnostics: [] };
    return {
      diagnostics: [
        {
          code: 'sample-invalid',
          severity: 'warning',
          message: `The sample file "${explicit}" does not exist (relative to the job file). Fetch one with "sfjob sample", or correct the path.`,
          range,
        },
      ],
    };
  }
  const result = readSample(path, text);
  if (result.ok) return { records: result.sample, diagnostics: [] };
  return {
    diagnostics: [
      {
        code: 'sample-invalid',
        severity: 'warning',
        message: `${result.message} Field-name checks against the sample are skipped; fetch a fresh sample with "sfjob sample".`,
        range,
        data: { samplePath: path },
      },
    ],
  };
}
