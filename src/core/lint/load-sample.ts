import type { Diagnostic } from '../diagnostics';
import { nodeAt, spanAtPath } from '../job/locate';
import type { Job } from '../job/schema';
import type { JobFileKind, OpenedFile } from '../workspace/file-access';
import { type SampleRecords, defaultSamplePath, readSample } from './sample';
import type { JobDocument } from './types';
import { cliRemedy } from '../remedies';

export interface LoadedSample {
  records?: SampleRecords;
  diagnostics: Diagnostic[];
}

/**
 * Finds the job's sample: the `sample` key, else `<job>.sample.json` beside the job. A sample that
 * is named but missing, or that does not hold records, is a `sample-invalid` warning: the checks that
 * need it are skipped, the rest still run. A sample the workspace refuses (outside it, not a regular
 * file, too large) is a `sample-invalid` error: the job names a file it must not, which no fetch fixes.
 */
export function loadSample(doc: JobDocument, job: Partial<Job>, openFile: (name: string, kind: JobFileKind) => OpenedFile): LoadedSample {
  const explicit = job.sample;
  const path = explicit ?? defaultSamplePath(doc.path);
  const opened = openFile(path, 'sample');
  // The diagnostic sits on the `sample` value when the job names one, else on the file's first brace.
  const span = explicit !== undefined && nodeAt(doc.root, ['sample']) ? spanAtPath(doc.root, ['sample']) : { start: doc.root.offset, end: doc.root.offset + 1 };
  const range = doc.lines.rangeOf(span.start, span.end);
  if (!opened.ok) {
    if (opened.problem === 'not-checked' || (opened.problem === 'missing' && explicit === undefined)) return { diagnostics: [] };
    if (opened.problem === 'missing') {
      const message = `The sample file "${explicit}" does not exist (relative to the job file). Fetch one with ${cliRemedy('fetch-sample')}, or correct the path.`;
      return { diagnostics: [{ code: 'sample-invalid', severity: 'warning', message, range }] };
    }
    const named = explicit === undefined ? `The default sample file "${path}"` : `"sample": "${path}"`;
    const message = `${named} cannot be used: ${opened.reason}. Point "sample" at a JSON file inside the workspace.`;
    return { diagnostics: [{ code: 'sample-invalid', severity: 'error', message, range, data: { samplePath: path, refused: opened.problem } }] };
  }
  const result = readSample(path, opened.text);
  if (result.ok) return { records: result.sample, diagnostics: [] };
  return {
    diagnostics: [
      {
        code: 'sample-invalid',
        severity: 'warning',
        message: `${result.message} Field-name checks against the sample are skipped; fetch a fresh sample with ${cliRemedy('fetch-sample')}.`,
        range,
        data: { samplePath: path },
      },
    ],
  };
}
