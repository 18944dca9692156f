/**
 * What a record's history ("Lịch sử") shows of an audit entry: the fields an edit changed, each with its
 * value before and after. The audit log keeps whole records (before) and the values saved (after); this
 * compares them over the fields the record's form shows, in the form's order.
 */
import type { AuditAction, Entity } from './app';

/** Entries of each kind a record's history reads at most: its changes, and apart from them its views. */
export const HISTORY_ENTRIES_KEPT = 500;

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The fields a record's history lists, in its form's order. Stamps, search text and derived columns
 * are never listed. A subject's ID number and history are, as its record shows them.
 */
export const HISTORY_FIELDS: Partial<Record<Entity, readonly string[]>> = {
  model: ['name', 'typeId', 'wardId', 'neighbourhoodId', 'address', 'foundedOn', 'foundingDecision', 'leaderName', 'leaderPhone', 'declaredMemberCount', 'status', 'note'],
  subject: [
    'fullName', 'alias', 'gender', 'birthDate', 'birthYear', 'idNumber', 'phone', 'permanentAddress', 'currentAddress', 'wardId', 'neighbourhoodId',
    'categoryId', 'reintegrationGroup', 'history', 'startDate', 'plannedEndDate', 'decisionNumber', 'decisionDate', 'decisionIssuer',
    'helperName', 'helperOrgId', 'helperPhone', 'status',
  ],
  member: ['fullName', 'role', 'phone', 'address'],
  evaluation: ['year', 'rating', 'tipsPassed', 'offendersCaught', 'incidentsPrevented', 'notes'],
  review: ['reviewedOn', 'period', 'result', 'jobSituation', 'notes', 'reviewer'],
  nomination: [
    'kind', 'nomineeName', 'gender', 'birthYear', 'position', 'unit', 'wardId', 'formId', 'proposedAuthority', 'achievement',
    'tipsProvided', 'casesHelped', 'yearsActive', 'status', 'decisionNumber', 'decisionDate', 'note',
  ],
  activity: ['kind', 'period', 'events', 'wardId', 'neighbourhoodId', 'programmeId', 'topic', 'organiser', 'participants', 'note'],
  tip: ['receivedOn', 'channel', 'wardId', 'neighbourhoodId', 'summary', 'valuable', 'caseHandled', 'caseReference', 'note'],
};

/** Fields holding a catalogue entry's id, and the catalogue: the history shows the entry's name. */
export const CATALOGUE_REFERENCES = {
  typeId: 'modelTypes',
  wardId: 'wards',
  neighbourhoodId: 'neighbourhoods',
  categoryId: 'subjectCategories',
  helperOrgId: 'helperOrgs',
  formId: 'awardForms',
  programmeId: 'programmes',
} as const;
export type CatalogueReference = keyof typeof CATALOGUE_REFERENCES;

export const isCatalogueReference = (field: string): field is CatalogueReference => Object.hasOwn(CATALOGUE_REFERENCES, field);

/** Dates as stored (ISO, or a month or year alone): the history writes them dd/mm/yyyy. */
export const DATE_FIELDS: ReadonlySet<string> = new Set(['foundedOn', 'birthDate', 'startDate', 'plannedEndDate', 'decisionDate', 'changedOn', 'reviewedOn', 'period', 'receivedOn']);

/** The actions whose entries compare a before with an after (a create has nothing before, a view changes nothing). */
const COMPARED: ReadonlySet<AuditAction> = new Set(['update', 'status']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const blank = (value: unknown) => value === null || value === undefined || value === '';
const same = (a: unknown, b: unknown) => (blank(a) && blank(b)) || JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields an audit entry changed, in the form's order: those the save carried (`after`) whose value
 * differs from the record's before it (empty text, null and missing count as the same: no value).
 */
export function fieldChanges(entity: Entity, action: AuditAction, before: unknown, after: unknown): FieldChange[] {
  const fields = HISTORY_FIELDS[entity];
  if (!fields || !COMPARED.has(action) || !isRecord(after)) return [];
  const old = isRecord(before) ? before : {};
  return fields.filter((field) => Object.hasOwn(after, field) && !same(old[field], after[field])).map((field) => ({ field, before: old[field] ?? null, after: after[field] ?? null }));
}
