import type { FieldDescribe } from '../../../core/describe';

/**
 * Builders for field describes in Salesforce's full shape (the keys a real `sobjects/X/describe` answer
 * carries), so clients that read more than the core subset still find what they expect.
 */
export interface EmulatorField extends FieldDescribe {
  [key: string]: unknown;
}

interface FieldOptions {
  label?: string;
  length?: number;
  nillable?: boolean;
  filterable?: boolean;
  sortable?: boolean;
  groupable?: boolean;
  updateable?: boolean;
  createable?: boolean;
  custom?: boolean;
  nameField?: boolean;
  externalId?: boolean;
  unique?: boolean;
  autoNumber?: boolean;
  defaultedOnCreate?: boolean;
  /** Values, or [value, label] pairs where the label a user sees differs from the stored value. */
  picklistValues?: (string | readonly [string, string])[];
  referenceTo?: string[];
  relationshipName?: string;
  precision?: number;
  scale?: number;
  digits?: number;
  soapType?: string;
  htmlFormatted?: boolean;
  calculated?: boolean;
}

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  datetime: 'xsd:dateTime',
  date: 'xsd:date',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  int: 'xsd:int',
  long: 'xsd:long',
  boolean: 'xsd:boolean',
};

function labelFromName(name: string): string {
  const base = name.replace(/__c$/, '').replace(/Id$/, name === 'Id' ? 'Id' : '');
  return base.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim() || name;
}

export function field(name: string, type: string, options: FieldOptions = {}): EmulatorField {
  const isText = ['string', 'textarea', 'picklist', 'multipicklist', 'email', 'phone', 'url', 'id', 'reference'].includes(type);
  const longText = type === 'textarea' && (options.length ?? 255) > 255;
  const length = options.length ?? (type === 'id' || type === 'reference' ? 18 : isText ? 255 : 0);
  const custom = options.custom ?? name.endsWith('__c');
  const groupable = options.groupable ?? !(longText || ['double', 'currency', 'percent', 'datetime', 'multipicklist'].includes(type));
  const filterable = options.filterable ?? !longText;
  const referenceTo = options.referenceTo ?? [];
  const nillable = options.nillable ?? !(type === 'id' || type === 'boolean');
  const updateable = options.updateable ?? !['id'].includes(type);
  // The keys in Salesforce's order (alphabetical), every one a real field describe carries.
  return {
    aggregatable: filterable && type !== 'multipicklist',
    aiPredictionField: false,
    autoNumber: options.autoNumber ?? false,
    byteLength: isText ? length * 3 : 0,
    calculated: options.calculated ?? false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: options.createable ?? (type !== 'id' && !options.autoNumber),
    custom,
    defaultValue: null,
    defaultValueFormula: null,
    defaultedOnCreate: options.defaultedOnCreate ?? (type === 'boolean' || type === 'id'),
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: options.digits ?? (type === 'int' ? 9 : 0),
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: options.externalId ?? false,
    extraTypeInfo: type === 'textarea' && options.htmlFormatted ? 'richtextarea' : type === 'textarea' && longText ? 'plaintextarea' : null,
    filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable,
    highScaleNumber: false,
    htmlFormatted: options.htmlFormatted ?? false,
    idLookup: type === 'id' || (options.nameField ?? false) || (options.externalId ?? false),
    inlineHelpText: null,
    label: options.label ?? labelFromName(name),
    length,
    mask: null,
    maskType: null,
    name,
    nameField: options.nameField ?? false,
    namePointing: referenceTo.length > 1,
    nillable,
    permissionable: custom && nillable && updateable,
    picklistValues: (options.picklistValues ?? []).map((entry) => {
      const [value, label] = typeof entry === 'string' ? [entry, entry] : entry;
      return { active: true, defaultValue: false, label, validFor: null, value };
    }),
    polymorphicForeignKey: referenceTo.length > 1,
    precision: options.precision ?? (type === 'double' || type === 'currency' || type === 'percent' ? 18 : 0),
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo,
    relationshipName: options.relationshipName ?? null,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: false,
    scale: options.scale ?? 0,
    searchPrefilterable: type === 'reference',
    soapType: options.soapType ?? SOAP_TYPES[type] ?? 'xsd:string',
    sortable: options.sortable ?? !(longText || type === 'multipicklist'),
    type,
    unique: options.unique ?? false,
    updateable,
    writeRequiresMasterRead: false,
  };
}

/**
 * The system fields every object has, in the order Salesforce lists them. `owner: 'queue'` is an owner that
 * may be a user or a queue (Case, chats, messaging sessions, custom objects): Salesforce describes it as
 * polymorphic, referenceTo [Group, User].
 */
export function systemFields(options: { isDeleted?: boolean; owner?: boolean | 'queue' } = {}): EmulatorField[] {
  const fields: EmulatorField[] = [field('Id', 'id', { label: 'Record ID', nillable: false, filterable: true, groupable: true, updateable: false })];
  const owner = options.owner ?? true;
  if (owner !== false) {
    const referenceTo = owner === 'queue' ? ['Group', 'User'] : ['User'];
    fields.push(field('OwnerId', 'reference', { label: 'Owner ID', nillable: false, referenceTo, relationshipName: 'Owner', defaultedOnCreate: true }));
  }
  if (options.isDeleted ?? true) {
    fields.push(field('IsDeleted', 'boolean', { label: 'Deleted', createable: false, updateable: false }));
  }
  return fields;
}

export function auditFields(): EmulatorField[] {
  const audit = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true };
  return [
    field('CreatedDate', 'datetime', { label: 'Created Date', ...audit }),
    field('CreatedById', 'reference', { label: 'Created By ID', referenceTo: ['User'], relationshipName: 'CreatedBy', ...audit }),
    field('LastModifiedDate', 'datetime', { label: 'Last Modified Date', ...audit }),
    field('LastModifiedById', 'reference', { label: 'Last Modified By ID', referenceTo: ['User'], relationshipName: 'LastModifiedBy', ...audit }),
    field('SystemModstamp', 'datetime', { label: 'System Modstamp', ...audit }),
  ];
}
