import type { Diagnostic } from '../../diagnostics';
import { diagnosticAt } from '../edits';
import { fieldReferences } from '../field-references';
import type { SampleRecords } from '../sample';
import { defineRule } from '../types';
import { cliRemedy } from '../../remedies';

/**
 * A relationship that is null in every sample record (a case with no contact) has no nested keys to
 * compare with, so its fields cannot be judged from this sample.
 */
function hiddenByNullRelationship(name: string, sample: SampleRecords, lowerKeys: ReadonlySet<string>): boolean {
  const segments = name.toLowerCase().split('.');
  for (let i = 1; i < segments.length; i++) {
    const prefix = segments.slice(0, i).join('.');
    if (lowerKeys.has(prefix) && ![...lowerKeys].some((k) => k.startsWith(`${prefix}.`))) return true;
  }
  return sample.records.length === 0;
}

/** A field the sample records never have is probably misspelled, or not readable by the integration user. */
export const fieldNotInSample = defineRule<'sample'>({
  id: 'field-not-in-sample',
  codes: ['field-not-in-sample'],
  needs: ['sample'],
  check: ({ doc, job, sample }) => {
    const lowerKeys = new Set([...sample.keys].map((k) => k.toLowerCase()));
    const out: Diagnostic[] = [];
    for (const reference of fieldReferences(doc, job)) {
      if (lowerKeys.has(reference.name.toLowerCase()) || hiddenByNullRelationship(reference.name, sample, lowerKeys)) continue;
      out.push(
        diagnosticAt(
          doc,
          reference.span,
          'field-not-in-sample',
          `"${reference.name}" (${reference.where}) is in none of the ${sample.records.length} records of ${sample.path}. Check the name, or fetch a fresh sample with ${cliRemedy('fetch-sample')} if the query changed.`,
          { data: { field: reference.name, samplePath: sample.path } },
        ),
      );
    }
    return out;
  },
});
