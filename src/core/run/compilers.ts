import { RE2JS } from 're2js';
import { compileExpression } from '../expr';
import type { Compilers, PatternCompiler, TextPattern } from './plan';

/**
 * The compilers a run uses: the job expression language, and a linear-time regex engine (RE2 semantics)
 * so a user's pattern can never hang a run on a long transcript.
 */
export function defaultCompilers(): Compilers {
  return {
    compileExpression(text, purpose) {
      const compiled = compileExpression(text, { expect: purpose === 'filter' ? 'boolean' : 'any' });
      if (!compiled.ok) throw new Error(compiled.problems.map((problem) => problem.message).join('; '));
      return compiled;
    },
    compilePattern: compileLinearPattern,
  };
}

export const compileLinearPattern: PatternCompiler = (pattern) => {
  let regex: ReturnType<typeof RE2JS.compile>;
  try {
    regex = RE2JS.compile(pattern);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const textPattern: TextPattern = {
    replace(text, replacement) {
      let count = 0;
      // Counting needs a callback, and a callback's result is taken literally, so group references
      // are expanded here only when the replacement has any.
      const usesGroups = /\$(\d|\{)/.test(replacement);
      const result = regex.matcher(text).replaceAll((...args: unknown[]) => {
        count++;
        return usesGroups ? expandGroups(replacement, args) : replacement;
      });
      return { text: result, count };
    },
  };
  return { ok: true, pattern: textPattern };
};

/** `$1` / `${1}` → the group's text (empty for a group that did not take part); `$$` → `$`. */
function expandGroups(replacement: string, args: readonly unknown[]): string {
  return replacement.replace(/\$(\$|\d+|\{\d+\})/g, (_whole, reference: string) => {
    if (reference === '$') return '$';
    const index = Number(reference.replace(/[{}]/g, ''));
    const value = args[index];
    return typeof value === 'string' ? value : '';
  });
}
