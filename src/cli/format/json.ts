import { type FileReport, sortedDiagnostics, summarize } from './report';

/** The JSON shape of the CLI contract: 0-based positions (LSP convention). */
export function formatJson(files: readonly FileReport[]): string {
  const body = {
    files: files.map((file) => ({
      path: file.path,
      diagnostics: sortedDiagnostics(file.diagnostics).map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range })),
      ...(file.query
        ? {
            query: {
              object: file.query.object ?? null,
              fields: file.query.fields.map((f) => f.path),
              dateFieldCandidates: file.query.dateFieldCandidates,
              ...(file.org ? { org: file.org } : {}),
            },
          }
        : {}),
    })),
    summary: summarize(files),
  };
  return JSON.stringify(body) + '\n';
}
