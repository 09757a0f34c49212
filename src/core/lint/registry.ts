import { secretInFile } from './rules/secret-in-file';
import type { LintRule } from './types';

/** Every lint rule. Add a rule by writing its file in rules/ and listing it here. */
export const RULES: readonly LintRule[] = [secretInFile];
