import type { OrgQueryFacts } from './validate-query';
import { plural } from '../../core/plural';

/**
 * What Salesforce said about an accepted query, for people, one fact a line (indented by two spaces):
 * the object, the fields with their types, the plan, the row estimate and the date field candidates,
 * then the candidates to choose from when the dateField is missing or not one of them. The CLI prints
 * these lines and the editor writes them to its output channel.
 */
export function orgFactsLines(org: OrgQueryFacts): string[] {
  const lines: string[] = [];
  if (org.object) lines.push(`  object: ${org.object}`);
  if (org.fields.length > 0) lines.push(`  fields: ${org.fields.map(typedField).join(', ')}`);
  if (org.plan) {
    const plan = org.plan;
    const on = plan.fields.length > 0 ? ` on ${plan.fields.join(', ')}` : '';
    lines.push(`  plan: ${plan.leadingOperationType}${on}, relative cost ${plan.relativeCost} (${plan.selective ? 'selective' : 'not selective'}), about ${plan.cardinality} of ${plural(plan.sobjectCardinality, 'row')}`);
    for (const note of plan.notes) lines.push(`    note: ${note.description}${note.fields?.length ? ` (${note.fields.join(', ')})` : ''}`);
  }
  const window = org.rowEstimate?.window;
  if (org.rowEstimate && window) {
    lines.push(`  rows in the first run's window: ${org.rowEstimate.count} (${window.since ? `from ${window.since} ` : ''}until ${window.until})`);
  } else if (org.rowEstimate) {
    lines.push(`  rows the query matches: ${org.rowEstimate.count} (${org.rowEstimateNote ?? 'no window'})`);
  } else if (org.rowEstimateNote) {
    lines.push(`  no row estimate: ${org.rowEstimateNote}`);
  }
  lines.push(`  date field candidates: ${org.dateFieldCandidates.length > 0 ? org.dateFieldCandidates.map(typedField).join(', ') : 'none'}`);
  lines.push(...dateFieldChoice(org));
  return lines;
}

/** A field as people read it: `CreatedDate (datetime)`, or the bare path when its type is unknown. */
export function typedField(field: { path: string; type?: string }): string {
  return field.type ? `${field.path} (${field.type})` : field.path;
}

/** When the dateField is missing or not a candidate, the candidates to choose from, one a line. */
function dateFieldChoice(org: OrgQueryFacts): string[] {
  if (org.dateField.status === 'ok') return [];
  const why = org.dateField.status === 'missing' ? 'The job has no dateField.' : `dateField "${org.dateField.name}" is not a date field the query selects.`;
  if (org.dateFieldCandidates.length === 0) return [`  ${why} Select a date or datetime field (CreatedDate, LastModifiedDate, …) and name it in "dateField".`];
  return [`  ${why} Choose one for "dateField":`, ...org.dateFieldCandidates.map((c, i) => `    ${i + 1}. ${typedField(c)}${c.label ? ` "${c.label}"` : ''}`)];
}
