import { codeHelpText, DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from '../../core/diagnostics';
import { oneBasedRange } from '../../core/location';
import { type FileReport, sortedDiagnostics } from './report';

const LEVELS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 for code scanning. Regions are 1-based and endColumn points one past the last character,
 * which is exactly the 0-based exclusive end plus one.
 */
export function formatSarif(files: readonly FileReport[], version: string): string {
  const used = [...new Set(files.flatMap((f) => f.diagnostics.map((d) => d.code)))].sort() as DiagnosticCode[];
  const ruleIndex = new Map(used.map((code, i) => [code, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sfjob',
            version,
            rules: used.map((code) => ({
              id: code,
              name: code,
              shortDescription: { text: DIAGNOSTIC_CODES[code].summary },
              // No helpUri: sfjob has no public docs site, and a link that does not resolve is worse than none.
              help: { text: codeHelpText(code) },
              defaultConfiguration: { level: LEVELS[DIAGNOSTIC_CODES[code].severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: files.flatMap((file) =>
          sortedDiagnostics(file.diagnostics).map((d) => ({ d, at: oneBasedRange(d.range) })).map(({ d, at }) => ({
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code),
            level: LEVELS[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: at.start.line,
                    startColumn: at.start.column,
                    endLine: at.end.line,
                    endColumn: at.end.column,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
