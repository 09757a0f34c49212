import { compileExpression } from '../expr';
import { compilePattern, maskMatches, replaceAll } from '../regex';
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
      mask: (text, mask) => maskMatches(regex, text, mask),
    },
  };
};
