/**
 * The period report written out in the style of the district's own review (the seed document): "Tổ
 * chức 3.602 buổi với 141.174 lượt người tham gia sinh hoạt tuyên truyền …". Numbers as 3.602, dates as
 * dd/mm/yyyy. The officer edits the text before printing; this is only its first draft.
 */
import { formatDate } from './dates';
import type { ReportFigure, ReportFigures, ReportQuery } from './report';
import { MOVEMENT_GRADE_LABELS, STANDARD_UNIT_LABELS } from './labels';
import { MOVEMENT_GRADES } from './standards';
import type { SubjectStatus } from './subjects';
import { formatNumber } from './text';

const n = formatNumber;

/** A person's status as the review counts them: "412 đã tiến bộ, 380 đang tiếp tục được giúp đỡ …". */
const STATUS_PHRASES: Record<SubjectStatus, string> = {
  dang_giup_do: 'đang tiếp tục được giúp đỡ',
  da_tien_bo: 'đã tiến bộ',
  ket_thuc: 'đã kết thúc giúp đỡ',
  tai_pham: 'tái phạm',
  chuyen_di: 'chuyển đi nơi khác',
  da_chet: 'đã chết',
};
const ROMAN = ['I', 'II', 'III', 'IV'];

/** "quý III năm 2018", "năm 2017", "6 tháng đầu năm 2018", or "từ ngày 01/01/2013 đến ngày 30/09/2018". */
export function periodLabel(query: Pick<ReportQuery, 'from' | 'to'>): string {
  const { from, to } = query;
  const year = from.slice(0, 4);
  const sameYear = year === to.slice(0, 4);
  const monthEnd = (month: number) => new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
  if (sameYear && from.slice(5) === '01-01' && to.slice(5) === '12-31') return `năm ${year}`;
  if (sameYear && from.slice(5) === '01-01' && to.slice(5) === '06-30') return `6 tháng đầu năm ${year}`;
  const quarter = [1, 4, 7, 10].indexOf(Number(from.slice(5, 7)));
  if (sameYear && quarter >= 0 && from.slice(8) === '01') {
    const lastMonth = Number(from.slice(5, 7)) + 2;
    if (Number(to.slice(5, 7)) === lastMonth && Number(to.slice(8)) === monthEnd(lastMonth)) return `quý ${ROMAN[quarter]} năm ${year}`;
  }
  return `từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`;
}

const SUBTITLE = 'Kết quả thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc';

/** The period part of a subtitle the app wrote ("năm 2018"), or the subtitle itself when the officer rewrote it. */
export const periodLabelOf = (subtitle: string): string => (subtitle.startsWith(SUBTITLE) ? subtitle.slice(SUBTITLE.length).trim() : subtitle) || 'phong trào';

/** "Phường Bình Tiên, Phường Bình Tây", or "toàn địa bàn". */
export function scopeLabel(wardNames: string[]): string {
  if (wardNames.length === 0) return 'toàn địa bàn';
  return wardNames.join(', ');
}

export interface ReportDraft {
  title: string;
  subtitle: string;
  paragraphs: string[];
}

const quoted = (name: string) => `“${name}”`;

function activityParagraph(figures: ReportFigures): string {
  const { sessions, tips, subjects, campaigns } = figures;
  const sessionText =
    sessions.events > 0
      ? `Tổ chức ${n(sessions.events)} buổi với ${n(sessions.participants)} lượt người tham gia sinh hoạt tuyên truyền phòng, chống tội phạm và tệ nạn xã hội`
      : 'Trong kỳ chưa ghi nhận buổi sinh hoạt tuyên truyền nào';
  const valuableText =
    tips.valuable === 0
      ? 'chưa có tin có giá trị.'
      : tips.cases === 0
        ? `trong đó có ${n(tips.valuable)} tin có giá trị.`
        : `trong đó có ${n(tips.valuable)} tin có giá trị giúp Công an xử lý, giải quyết ${n(tips.cases)} vụ.`;
  const tipText = tips.tips > 0 ? `${sessions.events > 0 ? 'qua đó, ' : ''}người dân đã cung cấp ${n(tips.tips)} tin có liên quan đến an ninh trật tự, ${valuableText}` : 'chưa ghi nhận tin báo của nhân dân.';
  const first = `${sessionText}; ${tipText}`;

  const helped =
    subjects.total > 0
      ? `Phối hợp giáo dục, giúp đỡ tiến bộ ${n(subjects.total)} đối tượng các loại${subjects.byCategory.length > 1 ? ` (${subjects.byCategory.map((category) => `${category.name.charAt(0).toLowerCase()}${category.name.slice(1)}: ${n(category.count)}`).join('; ')})` : ''}`
      : 'Chưa có đối tượng được giáo dục, giúp đỡ trong kỳ';
  const held = campaigns.filter((campaign) => campaign.events > 0);
  const campaignText =
    held.length > 0
      ? `tổ chức ${held.map((campaign) => `${n(campaign.events)} cuộc vận động nhân dân tham gia ${quoted(campaign.name)} với ${n(campaign.participants)} lượt người tham dự`).join('; ')}.`
      : 'chưa tổ chức cuộc vận động nào.';
  return `${first} ${helped}; ${campaignText}`;
}

function subjectResultParagraph(figures: ReportFigures): string | null {
  const { byStatus, total } = figures.subjects;
  if (total === 0) return null;
  const results = byStatus.map((entry) => `${n(entry.count)} ${STATUS_PHRASES[entry.status]}`);
  return `Kết quả giáo dục, giúp đỡ: ${results.join(', ')}.`;
}

function modelParagraph(figures: ReportFigures): string {
  const { models } = figures;
  if (models.total === 0) return 'Chưa có mô hình tự quản, tự phòng về an ninh trật tự nào được ghi nhận trong kỳ.';
  const types = models.byType.map((type) => `${n(type.count)} mô hình ${quoted(type.name)}`).join(', ');
  const best = models.byType
    .filter((type) => type.ratedGood > 0)
    .sort((a, b) => b.ratedGood - a.ratedGood)
    .slice(0, 5)
    .map((type) => quoted(type.name));
  const bestText = best.length > 0 ? `; trong đó có một số mô hình hoạt động hiệu quả như: ${best.join(', ')}... đã góp phần tích cực vào công tác giữ gìn an ninh trật tự trên địa bàn` : '';
  return `Các đơn vị đã xây dựng, duy trì ${n(models.total)} mô hình phòng ngừa xã hội, tự quản, tự phòng về an ninh trật tự với ${n(models.members)} thành viên, gồm: ${types}${bestText}.`;
}

const unitWord = (kind: keyof typeof STANDARD_UNIT_LABELS) => STANDARD_UNIT_LABELS[kind].toLocaleLowerCase('vi');

/** The standard and the movement's grades, when the period's years have any. */
function standardParagraph(figures: ReportFigures): string | null {
  const parts: string[] = [];
  if (figures.standards.length > 0) {
    const list = (pick: (entry: ReportFigures['standards'][number]) => number) =>
      figures.standards
        .filter((entry) => pick(entry) > 0)
        .map((entry) => `${n(pick(entry))} ${unitWord(entry.unitKind)}`)
        .join(', ');
    const met = list((entry) => entry.met);
    parts.push(`Xây dựng tiêu chuẩn “An toàn về an ninh, trật tự”: ${list((entry) => entry.registered)} đăng ký${met ? `; qua kiểm tra, công nhận ${met} đạt chuẩn` : '; chưa có đơn vị được công nhận đạt chuẩn'}.`);
  }
  for (const level of figures.scores) {
    const grades = MOVEMENT_GRADES.filter((grade) => level.grades[grade] > 0).map((grade) => `${n(level.grades[grade])} ${MOVEMENT_GRADE_LABELS[grade]}`);
    parts.push(`Chấm điểm phong trào ${n(level.total)} ${unitWord(level.level)}: ${grades.join(', ')}.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}

function awardParagraph(figures: ReportFigures): string {
  const given = figures.awards.filter((form) => form.collectives + form.individuals > 0);
  if (given.length === 0) return 'Trong kỳ chưa có tập thể, cá nhân được khen thưởng theo các đợt khen thưởng của phong trào.';
  const forms = given.map((form) => {
    const who = [form.collectives > 0 ? `${n(form.collectives)} tập thể` : '', form.individuals > 0 ? `${n(form.individuals)} cá nhân` : ''].filter(Boolean).join(', ');
    return `${form.name} cho ${who}`;
  });
  return `Công tác khen thưởng: đã trao ${forms.join('; ')} có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc.`;
}

/** The first draft of the report: a title, the period and scope, and paragraphs the officer may edit. */
export function reportDraft(figures: ReportFigures): ReportDraft {
  const period = periodLabel(figures.query);
  const scope = scopeLabel(figures.wardNames);
  const intro = `Thực hiện phong trào “Toàn dân bảo vệ an ninh Tổ quốc”, ${period}, trên ${scope === 'toàn địa bàn' ? 'toàn địa bàn' : `địa bàn ${scope}`}, lực lượng Công an và Ủy ban Mặt trận Tổ quốc Việt Nam cùng các đoàn thể đã phối hợp thực hiện tốt công tác tuyên truyền, vận động các tầng lớp nhân dân tham gia phong trào toàn dân bảo vệ an ninh Tổ quốc, tích cực phòng, chống tội phạm, tệ nạn xã hội tại địa phương, bảo đảm an ninh trật tự. Cụ thể:`;
  const paragraphs = [intro, activityParagraph(figures), subjectResultParagraph(figures), modelParagraph(figures), standardParagraph(figures), awardParagraph(figures)].filter((text): text is string => text !== null);
  return {
    title: 'BÁO CÁO',
    subtitle: `${SUBTITLE} ${period}`,
    paragraphs,
  };
}

/** The draft as plain text: title, subtitle, then the paragraphs, a blank line between each. */
export function draftText(draft: ReportDraft): string {
  return [draft.title, draft.subtitle, ...draft.paragraphs].join('\n\n');
}

/** One counted figure: what it is, its value (and people where it has them), and how to open its records. */
export interface FigureRow {
  group: string;
  label: string;
  value: number;
  people: number | null;
  figure: ReportFigure;
}

/** Every figure of the report as rows, in the report's order: the table on screen and the .xlsx. */
export function figureRows(figures: ReportFigures): FigureRow[] {
  const rows: FigureRow[] = [
    { group: 'Tuyên truyền', label: 'Buổi sinh hoạt tuyên truyền (lượt người tham gia)', value: figures.sessions.events, people: figures.sessions.participants, figure: { figure: 'sessions' } },
    { group: 'Tin báo', label: 'Tin người dân cung cấp', value: figures.tips.tips, people: null, figure: { figure: 'tips' } },
    { group: 'Tin báo', label: 'Tin có giá trị', value: figures.tips.valuable, people: null, figure: { figure: 'tips', only: 'valuable' } },
    { group: 'Tin báo', label: 'Vụ việc được xử lý, giải quyết', value: figures.tips.cases, people: null, figure: { figure: 'tips', only: 'cases' } },
    { group: 'Giáo dục, giúp đỡ', label: 'Đối tượng được giáo dục, giúp đỡ', value: figures.subjects.total, people: null, figure: { figure: 'subjects' } },
    ...figures.subjects.byCategory.map((category) => ({ group: 'Giáo dục, giúp đỡ', label: `— ${category.name}`, value: category.count, people: null, figure: { figure: 'subjects' as const, categoryId: category.categoryId } })),
    ...figures.subjects.byStatus.map((status) => ({ group: 'Giáo dục, giúp đỡ', label: `— ${STATUS_PHRASES[status.status]}`, value: status.count, people: null, figure: { figure: 'subjects' as const, status: status.status } })),
    ...figures.campaigns.map((campaign) => ({ group: 'Vận động', label: `Cuộc vận động “${campaign.name}” (lượt người tham dự)`, value: campaign.events, people: campaign.participants, figure: { figure: 'campaigns' as const, programmeId: campaign.programmeId } })),
    { group: 'Mô hình', label: 'Mô hình tự quản, tự phòng (thành viên)', value: figures.models.total, people: figures.models.members, figure: { figure: 'models' } },
    ...figures.models.byType.map((type) => ({ group: 'Mô hình', label: `— “${type.name}” (thành viên)`, value: type.count, people: type.members, figure: { figure: 'models' as const, typeId: type.typeId } })),
  ];
  for (const entry of figures.standards) {
    const label = `Tiêu chuẩn ANTT: ${unitWord(entry.unitKind)}`;
    rows.push({ group: 'Tiêu chuẩn ANTT', label: `${label} đăng ký`, value: entry.registered, people: null, figure: { figure: 'standards', unitKind: entry.unitKind } });
    rows.push({ group: 'Tiêu chuẩn ANTT', label: `${label} được kiểm tra`, value: entry.assessed, people: null, figure: { figure: 'standards', unitKind: entry.unitKind, assessed: true } });
    rows.push({ group: 'Tiêu chuẩn ANTT', label: `${label} đạt chuẩn`, value: entry.met, people: null, figure: { figure: 'standards', unitKind: entry.unitKind, result: 'dat' } });
  }
  for (const level of figures.scores) {
    for (const grade of MOVEMENT_GRADES) {
      rows.push({ group: 'Chấm điểm phong trào', label: `${STANDARD_UNIT_LABELS[level.level]} xếp loại ${MOVEMENT_GRADE_LABELS[grade]}`, value: level.grades[grade], people: null, figure: { figure: 'scores', level: level.level, grade } });
    }
  }
  for (const form of figures.awards) {
    rows.push({ group: 'Khen thưởng', label: `${form.name}: tập thể`, value: form.collectives, people: null, figure: { figure: 'awards', formId: form.formId, kind: 'tap_the' } });
    rows.push({ group: 'Khen thưởng', label: `${form.name}: cá nhân`, value: form.individuals, people: null, figure: { figure: 'awards', formId: form.formId, kind: 'ca_nhan' } });
  }
  return rows;
}
