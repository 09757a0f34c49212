import { dateFieldSelected } from './rules/date-field';
import { dateFieldType } from './rules/date-field-type';
import { expressionRule } from './rules/expression';
import { feedbackTypeObject } from './rules/feedback-type-object';
import { fieldCase } from './rules/field-case';
import { fieldNotInSample } from './rules/field-not-in-sample';
import { fieldNotSelected } from './rules/field-not-selected';
import { fixedField } from './rules/fixed-field';
import { outputFormat } from './rules/output-format';
import { participantsOnFeedback } from './rules/participants';
import { redactionMatchesIds } from './rules/redaction-ids';
import { regexRule } from './rules/regex';
import { ruleFiles } from './rules/rule-files';
import { scheduleRules } from './rules/schedule';
import { secretInFile } from './rules/secret-in-file';
import { unknownConnection } from './rules/unknown-connection';
import type { LintRule } from './types';

/** Every lint rule. Add a rule by writing its file in rules/ and listing it here. */
export const RULES: readonly LintRule[] = [
  secretInFile,
  participantsOnFeedback,
  outputFormat,
  fixedField,
  unknownConnection,
  feedbackTypeObject,
  dateFieldSelected,
  dateFieldType,
  fieldNotSelected,
  fieldCase,
  fieldNotInSample,
  expressionRule,
  regexRule,
  redactionMatchesIds,
  ruleFiles,
  scheduleRules,
];
