import { compileExpression } from '../expr';
import { compilePattern, replaceAll, replaceAllWith, testPattern } from '../regex';
import type { Compilers, PatternCompiler } from './plan';

/**
 * The compilers a run uses: the job expression language, and the linear-time regex wrapper, so a
 * user's pattern can never hang a run on a long transcript.
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
  const compiled = compilePattern(pattern);
  if (!compiled.ok) return { ok: false, message: compiled.message };
  const { regex } = compiled;
  return {
    ok: true,
    pattern: {
      replace: (text, replacement) => replaceAll(regex, text, replacement),
      mask(text, mask) {
        // Most text holds nothing to mask, and a bare test costs about a third of finding the matches
        // with their groups (measured on chat turns), so the full pass runs only when there is a match.
        if (!testPattern(regex, text)) return { text, count: 0 };
        let count = 0;
        // An empty match hides nothing, so it is not masked (a pattern like `\d*` would otherwise
        // put a mask between every two characters).
        const masked = replaceAllWith(regex, text, (match) => {
          if (match.end === match.start) return '';
          count++;
          return mask;
        });
        return { text: masked, count };
      },
    },
  };
};
