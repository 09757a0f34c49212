export { applyFixes, unambiguousFix, type AppliedFix, type FixOutcome } from './apply';
export { jsonStringContent, replacementFixes } from './replacements';
