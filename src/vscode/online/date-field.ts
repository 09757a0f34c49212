import type * as vscode from 'vscode';
import { typedField, type OrgQueryFacts } from '../../salesforce';
import { setDateField } from '../language/date-field-edit';
import type { SfjobContext } from '../context';

/**
 * After the org accepted a query whose dateField is missing or not a selected date field, offers the
 * candidates (by their real type) and writes the chosen one into the job. Returns the chosen field.
 */
export async function offerDateField(ctx: SfjobContext, document: vscode.TextDocument, org: OrgQueryFacts): Promise<string | undefined> {
  if (org.dateField.status === 'ok' || org.dateFieldCandidates.length === 0) return undefined;
  const why = org.dateField.status === 'missing' ? 'The job has no dateField' : `dateField "${org.dateField.name ?? ''}" is not a date field the query selects`;
  const labels = org.dateFieldCandidates.map(typedField);
  const label = await ctx.prompts.pickOne(labels, { title: 'sfjob: Choose the dateField', placeHolder: `${why}: choose the field that dates each record` });
  const chosen = label === undefined ? undefined : org.dateFieldCandidates[labels.indexOf(label)]?.path;
  if (!chosen) return undefined;
  if (!(await setDateField(document, chosen))) {
    ctx.output.error(`Validate Query: could not set the dateField of ${document.uri.fsPath} to ${chosen}.`);
    return undefined;
  }
  ctx.output.info(`Validate Query: dateField set to ${chosen}; save the job to keep it.`);
  return chosen;
}
