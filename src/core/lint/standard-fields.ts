import type { ExprType } from '../expr';

/**
 * Standard fields whose API name and type Salesforce fixes for every org, so the checks can trust them
 * when neither a sample nor describe data says anything. Only names that mean the same on every object
 * that has them are in the common table; the rest are listed per object. A field that is not here is
 * simply not known: the checks then say nothing about it.
 */
const COMMON: Readonly<Record<string, ExprType>> = {
  Id: 'text',
  Name: 'text',
  OwnerId: 'text',
  IsDeleted: 'boolean',
  CreatedDate: 'datetime',
  CreatedById: 'text',
  LastModifiedDate: 'datetime',
  LastModifiedById: 'text',
  SystemModstamp: 'datetime',
  LastActivityDate: 'date',
  LastViewedDate: 'datetime',
  LastReferencedDate: 'datetime',
  RecordTypeId: 'text',
};

const BY_OBJECT: Readonly<Record<string, Readonly<Record<string, ExprType>>>> = {
  Case: {
    CaseNumber: 'text', Subject: 'text', Description: 'text', Status: 'text', Origin: 'text', Priority: 'text',
    Type: 'text', Reason: 'text', AccountId: 'text', ContactId: 'text', ParentId: 'text', SuppliedEmail: 'text',
    SuppliedName: 'text', SuppliedPhone: 'text', SuppliedCompany: 'text', IsClosed: 'boolean', IsEscalated: 'boolean',
    ClosedDate: 'datetime', Comments: 'text',
  },
  LiveChatTranscript: {
    Body: 'text', ChatDuration: 'number', StartTime: 'datetime', EndTime: 'datetime', RequestTime: 'datetime',
    Status: 'text', CaseId: 'text', ChatKey: 'text', EndedBy: 'text', OperatorMessageCount: 'number',
    VisitorMessageCount: 'number', WaitTime: 'number', Abandoned: 'number', IsChatbotSession: 'boolean',
    ContactId: 'text', LeadId: 'text', AccountId: 'text', Location: 'text', Platform: 'text', Browser: 'text',
    AverageResponseTimeOperator: 'number', AverageResponseTimeVisitor: 'number', MaxResponseTimeOperator: 'number',
    MaxResponseTimeVisitor: 'number', SupervisorTranscriptBody: 'text', LiveChatVisitorId: 'text',
  },
  ConversationEntry: {
    ConversationId: 'text', ActorType: 'text', ActorName: 'text', ActorId: 'text', EntryType: 'text', Message: 'text',
    EntryTime: 'datetime', Seq: 'number', MessageStatus: 'text', HasAttachments: 'boolean',
  },
  MessagingSession: {
    Status: 'text', StartTime: 'datetime', EndTime: 'datetime', AcceptTime: 'datetime', CaseId: 'text', ChannelType: 'text',
    Origin: 'text', EndUserContactId: 'text', EndUserAccountId: 'text', MessagingEndUserId: 'text', MessagingChannelId: 'text',
    ConversationId: 'text', AgentType: 'text', SessionKey: 'text',
  },
  Opportunity: {
    AccountId: 'text', Description: 'text', StageName: 'text', Amount: 'number', Probability: 'number',
    ExpectedRevenue: 'number', CloseDate: 'date', Type: 'text', NextStep: 'text', LeadSource: 'text', IsClosed: 'boolean',
    IsWon: 'boolean', ForecastCategory: 'text', ForecastCategoryName: 'text', FiscalQuarter: 'number', FiscalYear: 'number',
    HasOpportunityLineItem: 'boolean', TotalOpportunityQuantity: 'number', CampaignId: 'text',
  },
  Account: {
    Type: 'text', Industry: 'text', Phone: 'text', Website: 'text', Description: 'text', AnnualRevenue: 'number',
    NumberOfEmployees: 'number', BillingCity: 'text', BillingCountry: 'text', BillingState: 'text', ParentId: 'text',
  },
  Contact: {
    AccountId: 'text', FirstName: 'text', LastName: 'text', Email: 'text', Phone: 'text', MobilePhone: 'text',
    Title: 'text', Birthdate: 'date', MailingCity: 'text', HasOptedOutOfEmail: 'boolean',
  },
  Lead: {
    FirstName: 'text', LastName: 'text', Company: 'text', Email: 'text', Phone: 'text', Status: 'text', LeadSource: 'text',
    IsConverted: 'boolean', ConvertedDate: 'date', Rating: 'text', Industry: 'text',
  },
  User: {
    Username: 'text', FirstName: 'text', LastName: 'text', Email: 'text', Alias: 'text', IsActive: 'boolean', Title: 'text',
    Department: 'text', TimeZoneSidKey: 'text', LastLoginDate: 'datetime',
  },
  Task: {
    Subject: 'text', Description: 'text', Status: 'text', Priority: 'text', ActivityDate: 'date', WhoId: 'text', WhatId: 'text',
    IsClosed: 'boolean', CallDurationInSeconds: 'number', CompletedDateTime: 'datetime',
  },
  Event: {
    Subject: 'text', Description: 'text', ActivityDate: 'date', ActivityDateTime: 'datetime', StartDateTime: 'datetime',
    EndDateTime: 'datetime', DurationInMinutes: 'number', WhoId: 'text', WhatId: 'text', IsAllDayEvent: 'boolean',
  },
};

/**
 * Standard relationship names and the object each one reaches. Owner is polymorphic on some objects
 * (a user or a queue), so only the fields every owner has are trusted behind it: those of COMMON.
 */
const RELATIONSHIPS: Readonly<Record<string, string | undefined>> = {
  Owner: undefined,
  CreatedBy: 'User',
  LastModifiedBy: 'User',
  Account: 'Account',
  Contact: 'Contact',
  Case: 'Case',
  Lead: 'Lead',
  Parent: undefined,
  Conversation: 'MessagingSession',
  Actor: 'User',
};

export interface StandardField {
  /** The API name, relationship segments included: `Owner.Name`. */
  name: string;
  type: ExprType;
}

function lookup(table: Readonly<Record<string, ExprType>> | undefined, name: string): StandardField | undefined {
  if (!table) return undefined;
  const lower = name.toLowerCase();
  for (const [key, type] of Object.entries(table)) if (key.toLowerCase() === lower) return { name: key, type };
  return undefined;
}

function objectTable(object: string | undefined): Readonly<Record<string, ExprType>> | undefined {
  if (object === undefined) return undefined;
  const lower = object.toLowerCase();
  const key = Object.keys(BY_OBJECT).find((name) => name.toLowerCase() === lower);
  return key ? BY_OBJECT[key] : undefined;
}

function fieldOf(object: string | undefined, name: string): StandardField | undefined {
  return lookup(objectTable(object), name) ?? lookup(COMMON, name);
}

/**
 * The standard field a path names on an object, ignoring case: its API spelling and type. Relationship
 * paths (`owner.name`) are followed through the standard relationships; anything else is not known.
 */
export function standardField(object: string | undefined, path: string): StandardField | undefined {
  const segments = path.split('.');
  if (segments.length === 1) return fieldOf(object, path);
  const spelled: string[] = [];
  let current: string | undefined = object;
  for (const segment of segments.slice(0, -1)) {
    const relationship = Object.keys(RELATIONSHIPS).find((name) => name.toLowerCase() === segment.toLowerCase());
    if (!relationship) return undefined;
    spelled.push(relationship);
    current = RELATIONSHIPS[relationship];
  }
  const last = segments[segments.length - 1];
  const field = current === undefined ? lookup(COMMON, last) : fieldOf(current, last);
  return field ? { name: [...spelled, field.name].join('.'), type: field.type } : undefined;
}
