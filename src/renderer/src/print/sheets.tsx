/** Printed documents that are not a single roster: a round's list, a model's sheet, a person's record, the due list. */
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { Nomination, RoundList } from '../../../shared/awards';
import type { Member, ModelDetail } from '../../../shared/models';
import { formatBirth, type DueList, type SubjectDetail, type SubjectRow } from '../../../shared/subjects';
import { formatNumber, joinAddress } from '../../../shared/text';
import { call } from '../api/client';
import { memberCountText } from '../features/models/member-count';
import { tableBlock, type PrintBlock, type PrintColumn } from './PrintDocument';
import { formatDate } from '../../../shared/dates';

/** The officer's choice of columns, applied to one of the sheet's tables. */
export type PickColumns = <Row>(columns: PrintColumn<Row>[]) => PrintColumn<Row>[];

export interface PrintableSheet<Data> {
  orientation: 'portrait' | 'landscape';
  load: (params: Record<string, unknown>) => Promise<Data>;
  title: (data: Data, t: TFunction) => string;
  subtitle?: (data: Data, t: TFunction) => string | undefined;
  /** Columns the officer may pick and order, the same in each of the sheet's tables (key, name in the picker). */
  columns?: (t: TFunction) => { key: string; label: string }[];
  body: (data: Data, t: TFunction, pick: PickColumns) => PrintBlock[];
}

const pickerColumns = (columns: PrintColumn<never>[]) => columns.map((column) => ({ key: column.key, label: column.header }));

const stt = <Row,>(): PrintColumn<Row> => ({ key: 'stt', header: 'STT', cell: (_row, index) => index + 1, className: 'number' });
const section = (content: ReactNode): PrintBlock => ({ kind: 'section', content: <div className="print-section">{content}</div> });
const id = (params: Record<string, unknown>) => String(params.id ?? '');

/** A sheet's facts, one block each, so a long one (a violation history) can start a new page, or be split between its lines. */
function facts(rows: [string, string | null | undefined][]): PrintBlock[] {
  return rows.flatMap(([label, text]): PrintBlock[] => (text ? [{ kind: 'fact', label, text }] : []));
}

const nominationColumns = (t: TFunction, individuals: boolean): PrintColumn<Nomination>[] => [
  stt<Nomination>(),
  {
    key: 'name',
    header: individuals ? 'Họ và tên' : 'Tên tập thể',
    cell: (row) => (
      <>
        {row.nomineeName}
        {individuals && row.birthYear ? `, ${row.birthYear}` : ''}
        {individuals && row.position ? <div>{row.position}</div> : null}
      </>
    ),
  },
  { key: 'unit', header: t('awards.listUnit'), cell: (row) => row.unit },
  { key: 'achievement', header: t('awards.achievement'), cell: (row) => row.achievement },
  { key: 'form', header: t('awards.form'), cell: (row) => row.formName },
];

const roundList: PrintableSheet<RoundList> = {
  orientation: 'landscape',
  load: (params) => call('rounds.list', { id: id(params) }),
  title: () => 'Danh sách đề nghị khen thưởng',
  subtitle: (data) => data.round.occasion ?? data.round.name,
  columns: (t) => pickerColumns(nominationColumns(t, true) as PrintColumn<never>[]).map((column) => (column.key === 'name' ? { ...column, label: t('awards.listName') } : column)),
  body: (data, t, pick) => [
    section(`I. TẬP THỂ (${formatNumber(data.collectives.length)})`),
    tableBlock('I. TẬP THỂ', pick(nominationColumns(t, false)), data.collectives),
    section(`II. CÁ NHÂN (${formatNumber(data.individuals.length)})`),
    tableBlock('II. CÁ NHÂN', pick(nominationColumns(t, true)), data.individuals),
  ],
};

const modelSheet: PrintableSheet<ModelDetail> = {
  orientation: 'portrait',
  load: (params) => call('models.get', { id: id(params) }),
  title: () => 'Phiếu thông tin mô hình tự quản',
  subtitle: (data) => data.model.name,
  body: (data, t) => [
    ...facts([
      [t('models.type'), data.model.typeName],
      [t('models.ward'), [data.model.neighbourhoodName, data.model.wardName].filter(Boolean).join(', ')],
      [t('models.address'), data.model.address],
      [t('models.foundedOn'), formatDate(data.model.foundedOn)],
      [t('models.foundingDecision'), data.model.foundingDecision],
      [t('models.leaderName'), [data.model.leaderName, data.model.leaderPhone].filter(Boolean).join(' — ')],
      [t('models.status'), t(`status.${data.model.status}`)],
      [t('models.memberCount'), memberCountText(t, { memberCount: data.members.length, declaredMemberCount: data.model.declaredMemberCount })],
    ]),
    section('Danh sách thành viên'),
    tableBlock<Member>('Danh sách thành viên', [
      stt<Member>(),
      { key: 'name', header: t('members.fullName'), cell: (row) => row.fullName, grow: 1.2 },
      { key: 'role', header: t('members.role'), cell: (row) => row.role },
      { key: 'phone', header: t('members.phone'), cell: (row) => row.phone },
      { key: 'address', header: t('members.address'), cell: (row) => row.address },
    ], data.members),
    ...(data.evaluations.length > 0
      ? [
          section('Đánh giá hằng năm'),
          tableBlock('Đánh giá hằng năm', [
            { key: 'year', header: t('evaluations.year'), cell: (row) => row.year, className: 'number' },
            { key: 'rating', header: t('evaluations.rating'), cell: (row) => t(`rating.${row.rating}`) },
            { key: 'tips', header: t('evaluations.tipsPassed'), cell: (row) => formatNumber(row.tipsPassed), className: 'right' },
            { key: 'caught', header: t('evaluations.offendersCaught'), cell: (row) => formatNumber(row.offendersCaught), className: 'right' },
            { key: 'notes', header: t('evaluations.notes'), cell: (row) => row.notes },
          ], data.evaluations),
        ]
      : []),
  ],
};

/** The person's full record: printing it opens it through `subjects.get`, which writes the view to the audit log. */
const subjectSheet: PrintableSheet<SubjectDetail> = {
  orientation: 'portrait',
  load: (params) => call('subjects.get', { id: id(params) }),
  title: () => 'Phiếu theo dõi đối tượng được giáo dục, giúp đỡ',
  subtitle: (data) => data.subject.fullName,
  body: (data, t) => {
    const s = data.subject;
    return [
      ...facts([
        [t('subjects.fullName'), s.alias ? `${s.fullName} (${s.alias})` : s.fullName],
        [t('subjects.gender'), t(`gender.${s.gender}`)],
        [t('subjects.birth'), formatBirth(s.birthDate, s.birthYear)],
        [t('subjects.idNumber'), s.idNumber],
        [t('subjects.permanentAddress'), s.permanentAddress],
        [t('subjects.currentAddress'), joinAddress(s.currentAddress, s.neighbourhoodName, s.wardName)],
        [t('subjects.category'), s.reintegrationGroup ? `${s.categoryName} (nhóm ${s.reintegrationGroup})` : s.categoryName],
        [t('subjects.history'), s.history],
        [t('subjects.startDate'), formatDate(s.startDate)],
        [t('subjects.plannedEndDate'), formatDate(s.plannedEndDate)],
        [t('awards.decision'), [s.decisionNumber, formatDate(s.decisionDate), s.decisionIssuer].filter(Boolean).join(', ')],
        [t('subjects.helperName'), [s.helperName, s.helperOrgName, s.helperPhone].filter(Boolean).join(' — ')],
        [t('subjects.status'), t(`subjectStatus.${s.status}`)],
      ]),
      section('Quá trình đánh giá định kỳ'),
      tableBlock(
        'Quá trình đánh giá định kỳ',
        [
          stt(),
          { key: 'date', header: t('reviews.reviewedOn'), cell: (row) => formatDate(row.reviewedOn) },
          { key: 'period', header: t('reviews.period'), cell: (row) => row.period },
          { key: 'result', header: t('reviews.result'), cell: (row) => t(`reviewResult.${row.result}`) },
          { key: 'job', header: t('reviews.jobSituation'), cell: (row) => row.jobSituation },
          { key: 'notes', header: t('reviews.notes'), cell: (row) => [row.notes, row.reviewer && `(${row.reviewer})`].filter(Boolean).join(' ') },
        ],
        data.reviews,
      ),
    ];
  },
};

const dueColumns = (t: TFunction, dateHeader: string, date: (row: SubjectRow) => string | null): PrintColumn<SubjectRow>[] => [
  stt<SubjectRow>(),
  { key: 'name', header: t('subjects.fullName'), cell: (row) => row.fullName },
  { key: 'birth', header: t('subjects.birth'), cell: (row) => formatBirth(row.birthDate, row.birthYear) },
  { key: 'address', header: t('subjects.currentAddress'), cell: (row) => joinAddress(row.currentAddress, row.wardName) },
  { key: 'last', header: t('subjects.lastReviewOn'), cell: (row) => formatDate(row.lastReviewOn) },
  { key: 'date', header: dateHeader, cell: (row) => formatDate(date(row)) },
  { key: 'helper', header: t('subjects.helperName'), cell: (row) => row.helperName },
];

const dueList: PrintableSheet<DueList> = {
  orientation: 'landscape',
  load: () => call('subjects.due', { all: true }),
  title: () => 'Danh sách đối tượng đến hạn đánh giá',
  subtitle: (data) => `Tính đến ngày ${formatDate(data.today)}; chu kỳ đánh giá ${data.intervalMonths} tháng`,
  // The date column is the review due date in the first two lists, the planned end in the third.
  columns: (t) => pickerColumns(dueColumns(t, `${t('due.dueOn')} / ${t('subjects.plannedEndDate')}`, () => null) as PrintColumn<never>[]),
  body: (data, t, pick) => [
    section(`I. ${t('due.overdue').toLocaleUpperCase('vi')} (${formatNumber(data.counts.overdue)})`),
    tableBlock(t('due.overdue'), pick(dueColumns(t, t('due.dueOn'), (row) => (row as DueList['overdue'][number]).dueOn)), data.overdue),
    section(`II. ${t('due.dueThisWeek').toLocaleUpperCase('vi')} (${formatNumber(data.counts.dueThisWeek)})`),
    tableBlock(t('due.dueThisWeek'), pick(dueColumns(t, t('due.dueOn'), (row) => (row as DueList['dueThisWeek'][number]).dueOn)), data.dueThisWeek),
    section(`III. ${t('due.endingSoon').toLocaleUpperCase('vi')} (${formatNumber(data.counts.endingSoon)})`),
    tableBlock(t('due.endingSoon'), pick(dueColumns(t, t('subjects.plannedEndDate'), (row) => row.plannedEndDate)), data.endingSoon),
  ],
};

export const PRINTABLE_SHEETS: Record<string, PrintableSheet<never>> = {
  round: roundList as unknown as PrintableSheet<never>,
  model: modelSheet as unknown as PrintableSheet<never>,
  subject: subjectSheet as unknown as PrintableSheet<never>,
  due: dueList as unknown as PrintableSheet<never>,
};
