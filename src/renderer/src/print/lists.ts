/** The lists that can be printed: which API call fills them, their columns, orientation and title. */
import type { TFunction } from 'i18next';
import type { Page } from '../../../shared/common';
import type { Catalogues } from '../../../shared/catalogues';
import type { AuditEntry } from '../../../shared/app';
import { AUDIT_DOCUMENT, describeModelFilter, describeSubjectFilter } from '../../../shared/exports';
import { actionText, changeLine, describeAuditFilter } from '../../../shared/history-text';
import { modelFilter, type ModelRow } from '../../../shared/models';
import { formatBirth, subjectFilter, type SubjectRow } from '../../../shared/subjects';
import { formatNumber, joinAddress } from '../../../shared/text';
import type { ActivityRow, TipRow } from '../../../shared/activities';
import { call } from '../api/client';
import { memberCountText } from '../features/models/member-count';
import type { RosterColumn } from './layout/roster';
import { completeDate, formatDate, formatDateTime } from '../../../shared/dates';

/** A printed list's column: its cells' text, and how it sits in the table (see RosterColumn). */
export interface ListColumn<Row> extends RosterColumn {
  key: string;
  text: (row: Row, index: number) => string;
}

export interface PrintableList<Row extends { id: string }> {
  name: string;
  orientation: 'portrait' | 'landscape';
  title: (t: TFunction) => string;
  /** The filter in words, under the title, so a filtered printout never passes for the whole register. */
  describe: (filter: Record<string, unknown>, catalogues: Catalogues, t: TFunction) => string | null;
  fetch: (filter: Record<string, unknown>, offset: number, limit: number) => Promise<Page<Row>>;
  columns: (t: TFunction) => ListColumn<Row>[];
  hiddenByDefault?: string[];
  /** Columns a read-only account may not print (ID numbers, histories): not even offered to it. */
  sensitive?: string[];
  /** Adds data only some columns need (e.g. sensitive fields, fetched and audited only when chosen). */
  enrich?: (rows: Row[], shownKeys: string[]) => Promise<Row[]>;
}

const stt = <Row,>(): ListColumn<Row> => ({ key: 'stt', header: 'STT', text: (_row, index) => String(index + 1), align: 'center' });

const models: PrintableList<ModelRow> = {
  name: 'models',
  orientation: 'landscape',
  title: () => 'Danh sách mô hình tự quản, tự phòng',
  describe: (filter, catalogues) => {
    const parsed = modelFilter.safeParse(filter);
    return parsed.success ? describeModelFilter(parsed.data, catalogues) : null;
  },
  fetch: (filter, offset, limit) => call('models.list', { ...filter, offset, limit }),
  columns: (t) => [
    stt<ModelRow>(),
    { key: 'name', header: t('models.name'), text: (row) => row.name, grow: 2 },
    { key: 'typeName', header: t('models.type'), text: (row) => row.typeName },
    { key: 'ward', header: t('models.ward'), text: (row) => joinAddress(row.neighbourhoodName, row.wardName), grow: 1.5 },
    { key: 'address', header: t('models.address'), text: (row) => row.address ?? '', grow: 1.5 },
    { key: 'leader', header: t('models.leaderName'), text: (row) => row.leaderName ?? '', grow: 1.5 },
    { key: 'leaderPhone', header: t('models.leaderPhone'), text: (row) => row.leaderPhone ?? '' },
    { key: 'memberCount', header: t('models.memberCount'), text: (row) => memberCountText(t, row), align: 'right' },
    { key: 'foundedOn', header: t('models.foundedOn'), text: (row) => formatDate(row.foundedOn) },
    { key: 'status', header: t('models.status'), text: (row) => t(`status.${row.status}`) },
    { key: 'latestRating', header: t('models.latestRating'), text: (row) => (row.latestRating ? `${t(`rating.${row.latestRating}`)} (${row.latestRatingYear})` : '') },
  ],
  // One line a row for most models, so a landscape page holds some 20 (issue 14); the rest is a tick away.
  hiddenByDefault: ['typeName', 'address', 'leaderPhone', 'foundedOn', 'status', 'latestRating'],
};

type PrintedSubject = SubjectRow & { idNumber?: string | null; history?: string | null };
const SENSITIVE = ['idNumber', 'history'];

const subjects: PrintableList<PrintedSubject> = {
  name: 'subjects',
  orientation: 'landscape',
  title: () => 'Danh sách đối tượng được giáo dục, giúp đỡ tiến bộ',
  describe: (filter, catalogues) => {
    const parsed = subjectFilter.safeParse(filter);
    return parsed.success ? describeSubjectFilter(parsed.data, catalogues) : null;
  },
  fetch: (filter, offset, limit) => call('subjects.list', { ...filter, offset, limit }),
  columns: (t) => [
    stt<SubjectRow>(),
    { key: 'fullName', header: t('subjects.fullName'), text: (row) => (row.alias ? `${row.fullName} (${row.alias})` : row.fullName), grow: 1.6 },
    { key: 'birth', header: t('subjects.birth'), text: (row) => formatBirth(row.birthDate, row.birthYear) ?? '' },
    { key: 'gender', header: t('subjects.gender'), text: (row) => t(`gender.${row.gender}`) },
    { key: 'idNumber', header: t('subjects.idNumber'), text: (row) => row.idNumber ?? '' },
    { key: 'address', header: t('subjects.currentAddress'), text: (row) => joinAddress(row.currentAddress, row.neighbourhoodName, row.wardName), grow: 2 },
    { key: 'category', header: t('subjects.category'), text: (row) => (row.reintegrationGroup ? `${row.categoryName} (nhóm ${row.reintegrationGroup})` : row.categoryName), grow: 1.6 },
    { key: 'history', header: t('subjects.history'), text: (row) => row.history ?? '', grow: 1.5 },
    { key: 'startDate', header: t('subjects.startDate'), text: (row) => formatDate(row.startDate) },
    { key: 'helper', header: t('subjects.helperName'), text: (row) => row.helperName ?? '', grow: 1.4 },
    { key: 'helperOrg', header: t('subjects.helperOrg'), text: (row) => row.helperOrgName ?? '', grow: 1.4 },
    { key: 'status', header: t('subjects.status'), text: (row) => t(`subjectStatus.${row.status}`) },
  ],
  // The least personal data by default (Decree 13/2023), and one line a row, some 25 a landscape page.
  hiddenByDefault: [...SENSITIVE, 'gender', 'address', 'startDate', 'helperOrg', 'status'],
  sensitive: SENSITIVE,
  enrich: async (rows, shownKeys) => {
    if (!shownKeys.some((key) => SENSITIVE.includes(key))) return rows;
    const hidden = new Map<string, { idNumber: string | null; history: string | null }>();
    for (let start = 0; start < rows.length; start += 1000) {
      const found = await call('subjects.sensitive', { ids: rows.slice(start, start + 1000).map((row) => row.id) });
      for (const row of found) hidden.set(row.id, row);
    }
    return rows.map((row) => ({ ...row, ...hidden.get(row.id) }));
  },
};

/** The audit log (administrators), filtered as on the Nhật ký page; `userName` rides along for the subtitle. */
const audit: PrintableList<AuditEntry> = {
  name: 'audit',
  orientation: 'landscape',
  title: () => AUDIT_DOCUMENT.title,
  describe: (filter, _catalogues, t) => describeAuditFilter(t, filter, typeof filter.userName === 'string' ? filter.userName : null),
  fetch: (filter, offset, limit) => call('audit.list', { ...filter, offset, limit }),
  columns: (t) => [
    stt<AuditEntry>(),
    { key: 'at', header: t('history.at'), text: (row) => formatDateTime(row.at) },
    { key: 'user', header: t('history.user'), text: (row) => row.userName, grow: 1.2 },
    { key: 'record', header: t('audit.record'), text: (row) => `${t(`audit.entities.${row.entity}`)} ${row.entityId.slice(0, 8)}`, grow: 1.2 },
    { key: 'action', header: t('history.action'), text: (row) => actionText(t, row), grow: 1.5 },
    {
      key: 'content',
      header: t('audit.content'),
      text: (row) => (row.purged ? t('history.purged', { at: formatDateTime(row.purged.at), by: row.purged.by }) : row.changes.map((change) => changeLine(t, row.entity, change).text).join('\n')),
      grow: 3,
    },
  ],
};

/** A movement register's filter in words: kind or channel, ward, dates, search ("" when it shows everything). */
function describeEntryFilter(filter: Record<string, unknown>, catalogues: Catalogues, first: string | null): string | null {
  const ward = catalogues.wards.find((entry) => entry.id === filter.wardId)?.name;
  const from = typeof filter.from === 'string' ? completeDate(filter.from) : undefined;
  const to = typeof filter.to === 'string' ? completeDate(filter.to) : undefined;
  const parts = [
    first,
    ward ?? null,
    from && to ? `Từ ngày ${from} đến ngày ${to}` : from ? `Từ ngày ${from}` : to ? `Đến ngày ${to}` : null,
    typeof filter.search === 'string' && filter.search ? `Tìm: "${filter.search}"` : null,
    filter.trashed ? 'Thùng rác' : null,
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join('; ') : null;
}

const activities: PrintableList<ActivityRow> = {
  name: 'activities',
  orientation: 'landscape',
  title: () => 'Danh sách hoạt động phong trào',
  describe: (filter, catalogues, t) => describeEntryFilter(filter, catalogues, typeof filter.kind === 'string' ? t(`activities.kinds.${filter.kind}`) : null),
  fetch: (filter, offset, limit) => call('activities.list', { ...filter, offset, limit }),
  columns: (t) => [
    stt<ActivityRow>(),
    { key: 'period', header: t('activities.period'), text: (row) => (row.period.length === 7 ? `${row.period.slice(5, 7)}/${row.period.slice(0, 4)}` : formatDate(row.period)) },
    { key: 'kind', header: t('activities.kind'), text: (row) => t(`activities.kinds.${row.kind}`) },
    { key: 'content', header: t('activities.content'), text: (row) => [row.programmeName, row.topic].filter(Boolean).join(': '), grow: 2.5 },
    { key: 'ward', header: t('activities.ward'), text: (row) => joinAddress(row.neighbourhoodName, row.wardName), grow: 1.3 },
    { key: 'events', header: t('activities.eventsShort'), text: (row) => formatNumber(row.events), align: 'right' },
    { key: 'participants', header: t('activities.participants'), text: (row) => formatNumber(row.participants), align: 'right' },
    { key: 'organiser', header: t('activities.organiser'), text: (row) => [row.organiser, row.modelName].filter(Boolean).join('; '), grow: 1.5 },
  ],
};

const tips: PrintableList<TipRow> = {
  name: 'tips',
  orientation: 'landscape',
  title: () => 'Danh sách tin báo của nhân dân',
  describe: (filter, catalogues, t) => describeEntryFilter(filter, catalogues, typeof filter.channel === 'string' ? t(`tips.channels.${filter.channel}`) : null),
  fetch: (filter, offset, limit) => call('tips.list', { ...filter, offset, limit }),
  columns: (t) => [
    stt<TipRow>(),
    { key: 'receivedOn', header: t('tips.receivedOn'), text: (row) => formatDate(row.receivedOn) },
    { key: 'channel', header: t('tips.channel'), text: (row) => [t(`tips.channels.${row.channel}`), row.modelName].filter(Boolean).join(': '), grow: 1.3 },
    { key: 'summary', header: t('tips.summary'), text: (row) => row.summary, grow: 3 },
    { key: 'ward', header: t('activities.ward'), text: (row) => joinAddress(row.neighbourhoodName, row.wardName), grow: 1.3 },
    {
      key: 'outcome',
      header: t('tips.outcome'),
      text: (row) => (row.caseHandled ? [t('tips.caseShort'), row.caseReference].filter(Boolean).join(': ') : row.valuable ? t('tips.valuableShort') : ''),
      grow: 1.5,
    },
  ],
};

export const PRINTABLE_LISTS: Record<string, PrintableList<never>> = {
  activities: activities as unknown as PrintableList<never>,
  tips: tips as unknown as PrintableList<never>,
  models: models as unknown as PrintableList<never>,
  subjects: subjects as unknown as PrintableList<never>,
  audit: audit as unknown as PrintableList<never>,
};
