import type { ExprType } from './ast';

const NUMBER_TYPES = new Set(['double', 'int', 'long', 'currency', 'percent']);
const TEXT_TYPES = new Set([
  'string', 'textarea', 'picklist', 'multipicklist', 'combobox', 'id', 'reference', 'email', 'phone', 'url', 'encryptedstring',
]);

/** The expression type of a Salesforce describe field type (`double` → number); other types are `unknown`. */
export function exprTypeOfSalesforceType(type: string): ExprType {
  const lower = type.toLowerCase();
  if (lower === 'boolean') return 'boolean';
  if (lower === 'date') return 'date';
  if (lower === 'datetime') return 'datetime';
  if (NUMBER_TYPES.has(lower)) return 'number';
  if (TEXT_TYPES.has(lower)) return 'text';
  return 'unknown';
}
