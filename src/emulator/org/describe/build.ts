import type { ChildRelationship, SObjectDescribe } from '../../../core/describe';
import type { EmulatorField } from './fields';
import type { ObjectDefinition } from './objects';

/** A describe as the emulator serves it: the core shape plus the other top-level keys real describes carry. */
export interface EmulatorDescribe extends SObjectDescribe {
  keyPrefix: string;
  custom: boolean;
  fields: EmulatorField[];
  childRelationships: (ChildRelationship & Record<string, unknown>)[];
  [key: string]: unknown;
}

function childRelationshipsOf(parent: string, definitions: readonly ObjectDefinition[]): EmulatorDescribe['childRelationships'] {
  const children: EmulatorDescribe['childRelationships'] = [];
  for (const child of definitions) {
    for (const f of child.fields) {
      if (f.type !== 'reference' || !f.referenceTo?.includes(parent)) continue;
      children.push({
        cascadeDelete: false,
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: f.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: child.childRelationshipNames?.[f.name] ?? null,
        restrictedDelete: false,
      });
    }
  }
  return children;
}

/**
 * The URLs of an object's REST resources at one API version: a describe answers with the version it was
 * asked at, so they are made per request rather than stored.
 */
export function describeUrls(objectName: string, apiVersion: string): Record<string, string> {
  const base = `/services/data/v${apiVersion}/sobjects/${objectName}`;
  return {
    compactLayouts: `${base}/describe/compactLayouts`,
    rowTemplate: `${base}/{ID}`,
    describe: `${base}/describe`,
    sobject: base,
  };
}

export function buildDescribes(definitions: readonly ObjectDefinition[]): EmulatorDescribe[] {
  return definitions.map((definition) => {
    const custom = definition.name.endsWith('__c');
    return {
      actionOverrides: [],
      activateable: false,
      childRelationships: childRelationshipsOf(definition.name, definitions),
      compactLayoutable: true,
      createable: true,
      custom,
      customSetting: false,
      deletable: true,
      deprecatedAndHidden: false,
      feedEnabled: false,
      fields: definition.fields,
      hasSubtypes: false,
      isInterface: false,
      isSubtype: false,
      keyPrefix: definition.keyPrefix,
      label: definition.label,
      labelPlural: definition.labelPlural,
      layoutable: true,
      mergeable: false,
      mruEnabled: true,
      name: definition.name,
      namedLayoutInfos: [],
      networkScopeFieldName: null,
      queryable: true,
      recordTypeInfos: [],
      replicateable: true,
      retrieveable: true,
      searchable: true,
      supportedScopes: [{ label: 'All ' + definition.labelPlural.toLowerCase(), name: 'everything' }],
      triggerable: true,
      undeletable: true,
      updateable: true,
      ...definition.describe,
    };
  });
}
