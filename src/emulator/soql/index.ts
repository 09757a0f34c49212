export { executeSoql, explainSoql } from './execute';
export { SoqlError, type QueryExecution, type ExecuteOptions, type ExplainResult, type QueryPlan } from './types';
