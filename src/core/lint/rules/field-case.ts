import { type DescribeSource, findField } from '../../describe';
import type { Diagnostic } from '../../diagnostics';
import { diagnosticAt, replaceStringEdit } from '../edits';
import { fieldReferences } from '../field-references';
import { byLowerCase, selectedKeys } from '../selected';
import { defineRule } from '../types';

interface Spelling {
  /** The exact spelling, when the source knows the name. */
  of(name: string): string | undefined;
  origin: string;
}

function spellingFrom(names: Iterable<string>, origin: string): Spelling {
  const spelled = byLowerCase(names);
  return { of: (name) => spelled.get(name.toLowerCase()), origin };
}

/** The org's own spelling of a field of the queried object (relationship paths are left to the SELECT list). */
function describedSpelling(describe: DescribeSource, object: string): Spelling | undefined {
  const described = describe.object(object);
  if (!described) return undefined;
  return { of: (name) => (name.includes('.') ? undefined : findField(described, name)?.name), origin: `the org's describe data for ${described.name}` };
}

/** Written in one case only (`createddate`, `ID`): how people type SOQL, not how Salesforce spells fields. */
function isSingleCase(name: string): boolean {
  return name === name.toLowerCase() || name === name.toUpperCase();
}

/**
 * The SELECT list as written. Salesforce returns its own spelling whatever the query says, so a name
 * typed in one case (`createddate`) says nothing about the record key and is not taken as the truth.
 */
function selectListSpelling(selected: readonly string[]): Spelling {
  const spelled = byLowerCase(selected);
  return {
    of: (name) => {
      const written = spelled.get(name.toLowerCase());
      return written !== undefined && isSingleCase(written) && !isSingleCase(name) ? name : written;
    },
    origin: "the query's SELECT list",
  };
}

/**
 * Record keys are case-sensitive while SOQL is not, so `createddate` selects the field and then finds
 * nothing in the records. The truth is the sample's keys (Salesforce's own spelling); without a sample,
 * the org's describe data when it is cached, and otherwise the SELECT list as written.
 */
export const fieldCase = defineRule({
  id: 'field-case',
  codes: ['field-case'],
  needs: [],
  check: ({ doc, job, sample, query, describe }) => {
    const sources: Spelling[] = [];
    if (sample && sample.keys.size > 0) {
      sources.push(spellingFrom(sample.keys, `the sample records (${sample.path})`));
    } else if (query) {
      const object = query.facts.object;
      const described = describe && object ? describedSpelling(describe, object) : undefined;
      if (described) sources.push(described);
      sources.push(selectListSpelling(selectedKeys(query.facts.fields)));
    }
    const out: Diagnostic[] = [];
    for (const reference of fieldReferences(doc, job)) {
      // The first source that knows the name decides; later ones are fallbacks, not second opinions.
      const source = sources.find((s) => s.of(reference.name) !== undefined);
      const expected = source?.of(reference.name);
      if (!source || expected === undefined || expected === reference.name) continue;
      out.push(
        diagnosticAt(
          doc,
          reference.span,
          'field-case',
          `"${reference.name}" (${reference.where}) is spelled "${expected}" in ${source.origin}. Record keys are case-sensitive: write "${expected}".`,
          {
            fixes: [{ title: `Change to "${expected}"`, edits: [replaceStringEdit(doc, reference.span, expected)], preferred: true }],
            data: { expected, field: reference.name },
          },
        ),
      );
    }
    return out;
  },
});
