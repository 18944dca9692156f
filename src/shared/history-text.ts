/**
 * How the history ("Lịch sử") and the audit log name a changed field and write its values: the record
 * form's words, dates dd/mm/yyyy. Functions of the translation, so the page (either language) and the
 * exported log (Vietnamese, in the main process) say the same.
 */
import type { TFunction } from 'i18next';
import type { AuditEntry, Entity } from './app';
import { DATE_FIELDS, type FieldChange } from './history';
import { formatNumber } from './text';
import { formatDate } from './dates';

/** Each field's label key, as the record's form labels it. */
const LABELS: Partial<Record<Entity, Record<string, string>>> = {
  model: {
    name: 'models.name', typeId: 'models.type', wardId: 'models.ward', neighbourhoodId: 'models.neighbourhood', address: 'models.address',
    foundedOn: 'models.foundedOn', foundingDecision: 'models.foundingDecision', leaderName: 'models.leaderName', leaderPhone: 'models.leaderPhone',
    declaredMemberCount: 'models.declaredMemberCount', status: 'models.status', note: 'common.note',
  },
  subject: {
    fullName: 'subjects.fullName', alias: 'subjects.alias', gender: 'subjects.gender', birthDate: 'history.birthDate', birthYear: 'history.birthYear',
    idNumber: 'subjects.idNumber', phone: 'subjects.phone', permanentAddress: 'subjects.permanentAddress', currentAddress: 'subjects.currentAddress',
    wardId: 'subjects.ward', neighbourhoodId: 'subjects.neighbourhood', categoryId: 'subjects.category', reintegrationGroup: 'subjects.group',
    history: 'subjects.history', startDate: 'subjects.startDate', plannedEndDate: 'subjects.plannedEndDate', decisionNumber: 'subjects.decisionNumber',
    decisionDate: 'subjects.decisionDate', decisionIssuer: 'subjects.decisionIssuer', helperName: 'subjects.helperName', helperOrgId: 'subjects.helperOrg',
    helperPhone: 'subjects.helperPhone', status: 'subjects.status',
  },
  member: { fullName: 'members.fullName', role: 'members.role', phone: 'members.phone', address: 'members.address' },
  evaluation: {
    year: 'evaluations.year', rating: 'evaluations.rating', tipsPassed: 'evaluations.tipsPassed', offendersCaught: 'evaluations.offendersCaught',
    incidentsPrevented: 'evaluations.incidentsPrevented', notes: 'evaluations.notes',
  },
  review: {
    reviewedOn: 'reviews.reviewedOn', period: 'reviews.period', result: 'reviews.result', jobSituation: 'reviews.jobSituation', notes: 'reviews.notes',
    reviewer: 'reviews.reviewer',
  },
  activity: {
    kind: 'activities.kind', period: 'activities.period', events: 'activities.eventsShort', wardId: 'activities.ward', neighbourhoodId: 'activities.neighbourhood',
    programmeId: 'activities.programme', topic: 'activities.topic', organiser: 'activities.organiser', participants: 'activities.participants', note: 'common.note',
  },
  tip: {
    receivedOn: 'tips.receivedOn', channel: 'tips.channel', wardId: 'activities.ward', neighbourhoodId: 'activities.neighbourhood', summary: 'tips.summary',
    valuable: 'tips.valuable', caseHandled: 'tips.caseHandled', caseReference: 'tips.caseReference', note: 'common.note',
  },
  nomination: {
    kind: 'awards.kind', nomineeName: 'awards.nomineeName', gender: 'awards.gender', birthYear: 'awards.birthYear', position: 'awards.position',
    unit: 'awards.nomineeUnit', wardId: 'awards.ward', formId: 'awards.form', proposedAuthority: 'awards.proposedAuthority', achievement: 'awards.achievement',
    tipsProvided: 'awards.tipsProvided', casesHelped: 'awards.casesHelped', yearsActive: 'awards.yearsActive', status: 'awards.status',
    decisionNumber: 'awards.decisionNumber', decisionDate: 'awards.decisionDate', note: 'awards.note',
  },
};

/** Coded values and the words they show as, per field (a status's words depend on the register). */
const CODED: Partial<Record<Entity, Record<string, string>>> = {
  model: { status: 'status' },
  subject: { status: 'subjectStatus', gender: 'gender' },
  nomination: { status: 'nominationStatus', gender: 'gender', kind: 'kind' },
  evaluation: { rating: 'rating' },
  review: { result: 'reviewResult' },
  activity: { kind: 'activities.kinds' },
  tip: { channel: 'tips.channels' },
};

/** Ticks (stored as 0/1): written Có / Không. */
const YES_NO_FIELDS = new Set(['valuable', 'caseHandled']);

/** Years, not amounts: written without a thousands dot. */
const YEAR_FIELDS = new Set(['birthYear', 'year']);

/** Long text (a record's history, an achievement) is cut here; the whole of it is the line's title. */
const LONGEST = 160;

export function fieldLabel(t: TFunction, entity: Entity, field: string): string {
  const key = LABELS[entity]?.[field];
  return key ? t(key) : field;
}

/** One value as the record shows it, or "(trống)" when there is none. */
export function fieldValue(t: TFunction, entity: Entity, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('history.blank');
  const coded = CODED[entity]?.[field];
  if (coded && typeof value === 'string') return t(`${coded}.${value}`);
  if (field === 'reintegrationGroup') return `Nhóm ${String(value)}`;
  if (YES_NO_FIELDS.has(field)) return value ? t('common.yes') : t('history.no');
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDate(value);
  if (typeof value === 'number') return YEAR_FIELDS.has(field) ? String(value) : formatNumber(value);
  return String(value);
}

/** "Địa chỉ: 12 Bà Hom → 45 Lò Gốm", and the whole line when a value had to be cut. */
export function changeLine(t: TFunction, entity: Entity, change: FieldChange): { text: string; full: string } {
  const before = fieldValue(t, entity, change.field, change.before);
  const after = fieldValue(t, entity, change.field, change.after);
  const cut = (value: string) => (value.length > LONGEST ? `${value.slice(0, LONGEST - 1)}…` : value);
  const label = fieldLabel(t, entity, change.field);
  return { text: `${label}: ${cut(before)} → ${cut(after)}`, full: `${label}: ${before} → ${after}` };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Which of the record's list entries an entry of its history is about: "Thành viên Trần Văn Kiểm",
 * "Đánh giá năm 2022", "Đánh giá định kỳ ngày 01/03/2026"; null for the record itself.
 */
export function relatedRecordName(t: TFunction, entity: Entity, before: unknown, after: unknown): string | null {
  const values = { ...(isRecord(before) ? before : {}), ...(isRecord(after) ? after : {}) };
  if (entity === 'member') return `${t('history.relatedMember')} ${String(values.fullName ?? '')}`.trim();
  if (entity === 'evaluation') return `${t('tabs.evaluations')} ${String(values.year ?? '')}`.trim();
  if (entity === 'review') return `${t('reviews.title')} ${t('history.relatedOn')} ${formatDate(typeof values.reviewedOn === 'string' ? values.reviewedOn : null)}`.trim();
  return null;
}

/** What an audit entry did (an edit that only marked two records as different people says so), with the list entry it touched. */
export function actionText(t: TFunction, entry: Pick<AuditEntry, 'entity' | 'action' | 'before' | 'after'>): string {
  const marked = entry.action === 'update' && isRecord(entry.after) && 'distinctFrom' in entry.after;
  const action = marked ? t('history.markedDistinct') : t(`history.actions.${entry.action}`);
  const related = relatedRecordName(t, entry.entity, entry.before, entry.after);
  return related ? `${related}: ${action}` : action;
}

/** The audit log's filter in words, under the title of its printout and its export. */
export function describeAuditFilter(
  t: TFunction,
  filter: { entity?: string | null; entityId?: string | null; action?: string | null; from?: string | null; to?: string | null },
  userName: string | null,
): string | null {
  const parts: string[] = [];
  if (userName) parts.push(`${t('audit.account')}: ${userName}`);
  if (filter.entity) parts.push(`${t('audit.entity')}: ${t(`audit.entities.${filter.entity}`)}`);
  if (filter.entityId) parts.push(`${t('audit.record')}: ${filter.entityId}`);
  if (filter.action) parts.push(`${t('audit.action')}: ${t(`history.actions.${filter.action}`)}`);
  if (filter.from) parts.push(`${t('audit.from')} ${formatDate(filter.from)}`);
  if (filter.to) parts.push(`${t('audit.to')} ${formatDate(filter.to)}`);
  return parts.length > 0 ? parts.join('; ') : null;
}
