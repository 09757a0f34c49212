import type { Diagnostic } from '../diagnostics';
import { parseDocument } from '../job/parse';
import { spanAtPath } from '../job/locate';
import { LineIndex } from '../text';

/** One job file as the collision check needs it. */
export interface OutputTarget {
  /** The job file as shown to the user (it names the other file in messages). */
  file: string;
  text: string;
  /** The job's output.path as written, when it sets one. */
  template?: string;
  /**
   * Where the template lands: the template resolved against the job's workspace root, placeholders
   * kept (`/repo/out/{runId}.jsonl`). The host resolves it, since the core does not know file systems.
   */
  resolved?: string;
}

/**
 * Jobs that would write their runs to the same files: two explicit output paths that resolve to one
 * template without {job}. A job's {job} is its own path inside the workspace, so templates that use it
 * never meet. Each job gets one diagnostic on its output.path naming the other files.
 */
export function outputCollisions(targets: readonly OutputTarget[]): Map<string, Diagnostic> {
  const byKey = new Map<string, OutputTarget[]>();
  for (const target of targets) {
    if (target.template === undefined || target.resolved === undefined || target.template.includes('{job}')) continue;
    // Case-insensitive file systems (Windows, macOS) would put both in one file, so case does not separate them.
    const key = target.resolved.replace(/\\/g, '/').toLowerCase();
    const group = byKey.get(key) ?? [];
    // A file named twice on the command line is one job, not two.
    if (!group.some((other) => other.file === target.file)) byKey.set(key, [...group, target]);
  }
  const out = new Map<string, Diagnostic>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const target of group) {
      const others = group.filter((other) => other !== target).map((other) => other.file);
      const parsed = parseDocument(target.text, new LineIndex(target.text));
      if (!parsed.root) continue;
      const lines = new LineIndex(target.text);
      const span = spanAtPath(parsed.root, ['output', 'path']);
      out.set(target.file, {
        code: 'output-collision',
        severity: 'error',
        message: `output.path "${target.template}" is also the output of ${others.map((f) => `"${f}"`).join(', ')}: their runs would write to the same files. Put {job} in the path, or give each job its own folder.`,
        range: lines.rangeOf(span.start, span.end),
        data: { others },
      });
    }
  }
  return out;
}
