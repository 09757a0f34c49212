/** The SOQL analysis and composition the product uses; the product reaches soql-parser-js only through this folder. */
export { analyzeSoql } from './analyze';
export { checkFeedbackTypeObject } from './feedback-type';
export { dateCandidatesByName, dateCandidatesFromDescribe, looksLikeDateField, type DateCandidateSource } from './date-candidates';
export { resolveFieldPath, closestNames, editDistance, type FieldPathResolution } from './describe-paths';
export type { SoqlProblem, SoqlAnalysis, SoqlFacts, AnalyzeOptions, ClauseValue } from './types';
export { MAX_QUERY_LENGTH, MAX_OFFSET } from './types';
export { composeWindowQuery, countQuery, soqlDateLiteral, WindowQueryError, type WindowOptions } from './window';
export { composeInClauseOrder } from './compose';
