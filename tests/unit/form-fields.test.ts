import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { count, optionalCount, optionalDate, optionalPartialDate } from '../../src/shared/common';
import { nominationInput, roundInput } from '../../src/shared/awards';
import { backupSettingsInput } from '../../src/shared/backup';
import { evaluationInput, modelInput } from '../../src/shared/models';
import { reviewIntervalInput, subjectInput } from '../../src/shared/subjects';
import { formatNumber, readWholeNumber } from '../../src/shared/text';
import { readDate } from '../../src/shared/dates';

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('readWholeNumber', () => {
  it('reads every whole number as the app writes it (3.602), plainly (3602) or spaced (3 602)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (value) => {
        const written = formatNumber(value);
        expect(readWholeNumber(written)).toEqual({ ok: true, value });
        expect(readWholeNumber(String(value))).toEqual({ ok: true, value });
        expect(readWholeNumber(written.replace(/\./g, ' '))).toEqual({ ok: true, value });
      }),
    );
  });

  it('tells a decimal part, a minus sign and other text apart, and reads empty as nothing', () => {
    expect(readWholeNumber('3,5')).toEqual({ ok: false, problem: 'fraction' });
    expect(readWholeNumber('3.602,5')).toEqual({ ok: false, problem: 'fraction' });
    expect(readWholeNumber('-3')).toEqual({ ok: false, problem: 'negative' });
    for (const bad of ['3.5', '36.02', '3..602', 'ba', '3.602.', '1e3']) expect(readWholeNumber(bad), bad).toEqual({ ok: false, problem: 'shape' });
    expect(readWholeNumber('  ')).toBeNull();
  });
});

describe('number fields', () => {
  it('accept 3.602, 3602 and 3 602, and refuse 3,5 for a count with a clear message', () => {
    for (const typed of ['3.602', '3602', '3 602']) {
      expect(count('Số tin báo').parse(typed)).toBe(3602);
      expect(optionalCount('Số thành viên').parse(typed)).toBe(3602);
    }
    expect(optionalCount('Số thành viên').parse('')).toBeNull();
    expect(messages(optionalCount('Số thành viên').safeParse('3,5'))['']).toBe('Số thành viên phải là số nguyên, không có phần lẻ (ví dụ 3 hoặc 3.602).');
    expect(messages(count('Số tin báo').safeParse('-2'))['']).toBe('Số tin báo không được âm.');
    expect(messages(count('Số tin báo').safeParse('2.000.000'))['']).toBe('Số tin báo quá lớn (tối đa 1.000.000).');
  });

  it('of every form share the parser: hours, months and years refuse 3,5 alike and keep their own bounds', () => {
    const hours = (typed: string) => backupSettingsInput.safeParse({ automatic: true, intervalHours: typed });
    expect(hours('24').data?.intervalHours).toBe(24);
    expect(messages(hours('3,5')).intervalHours).toBe('Số giờ phải là số nguyên, không có phần lẻ (ví dụ 3 hoặc 3.602).');
    expect(messages(hours('0')).intervalHours).toBe('Ít nhất 1 giờ.');
    expect(messages(reviewIntervalInput.safeParse({ months: '1,5' })).months).toBe('Chu kỳ đánh giá phải là số nguyên, không có phần lẻ (ví dụ 3 hoặc 3.602).');
    expect(messages(reviewIntervalInput.safeParse({ months: '13' })).months).toBe('Chu kỳ đánh giá tối đa 12 tháng.');
    const evaluation = evaluationInput.safeParse({ modelId: crypto.randomUUID(), year: '2020,5', rating: 'tot' });
    expect(messages(evaluation).year).toBe('Năm đánh giá phải là số nguyên, không có phần lẻ (ví dụ 3 hoặc 3.602).');
    const nominee = (birthYear: string) =>
      nominationInput.safeParse({ roundId: crypto.randomUUID(), kind: 'ca_nhan', nomineeName: 'Trần Văn Dài', formId: crypto.randomUUID(), birthYear });
    expect(nominee('1965').data?.birthYear).toBe(1965);
    expect(nominee('').data?.birthYear).toBeNull();
    expect(messages(nominee('1890')).birthYear).toBe('Năm sinh phải từ 1900 đến nay.');
    expect(messages(nominee('2099')).birthYear).toBe('Năm sinh phải từ 1900 đến nay.');
  });

  it('are read the same way by the model and evaluation schemas', () => {
    const model = modelInput.safeParse({ name: 'Tổ tự quản', typeId: crypto.randomUUID(), wardId: crypto.randomUUID(), declaredMemberCount: '3.602' });
    expect(model.data?.declaredMemberCount).toBe(3602);
    const evaluation = evaluationInput.parse({ modelId: crypto.randomUUID(), year: 2020, rating: 'tot', tipsPassed: '1.204' });
    expect(evaluation.tipsPassed).toBe(1204);
    expect(evaluation.offendersCaught).toBe(0);
  });
});

describe('readDate', () => {
  it('says which day does not exist in which month, leap years included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
        const reading = readDate(`${day}/${month}/${year}`);
        if (real) expect(reading).toMatchObject({ ok: true, kind: 'date' });
        else expect(reading).toEqual({ ok: false, problem: 'monthDays', day, month, year });
      }),
    );
    expect(readDate('32/13/2025')).toEqual({ ok: false, problem: 'range', day: 32, month: 13 });
    expect(readDate('25 tháng 10')).toEqual({ ok: false, problem: 'shape' });
  });
});

describe('date messages', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2025, 5, 15, 12));
  });
  afterEach(() => vi.useRealTimers());

  const dateMessage = (typed: string, range?: 'past' | 'any') => messages(optionalDate('Ngày quyết định', range).safeParse(typed))[''];

  it('name the real problem; the expected shape only for text that is not a date at all', () => {
    expect(dateMessage('31/02/1990')).toBe('Tháng 2 không có ngày 31.');
    expect(dateMessage('29/02/2023')).toBe('Tháng 2 năm 2023 không có ngày 29 (không phải năm nhuận).');
    expect(dateMessage('29/02/2024')).toBeUndefined();
    expect(dateMessage('31/04/2020')).toBe('Tháng 4 không có ngày 31.');
    expect(dateMessage('32/13/2025')).toBe('Không có ngày 32 và tháng 13: ngày từ 1 đến 31, tháng từ 1 đến 12.');
    expect(dateMessage('15/13/2025')).toBe('Không có tháng 13: tháng từ 1 đến 12.');
    expect(dateMessage('32/12/2025')).toBe('Không có ngày 32: ngày từ 1 đến 31.');
    expect(dateMessage('25 tháng 10')).toBe('Ngày quyết định phải có dạng ngày/tháng/năm, ví dụ 25/10/2018.');
  });

  it('keep past facts between 1900 and today, and dates ahead up to 2100', () => {
    expect(dateMessage('16/06/2025')).toBe('Ngày quyết định không được sau hôm nay.');
    expect(dateMessage('15/06/2025')).toBeUndefined();
    expect(dateMessage('01/01/1890')).toBe('Ngày quyết định phải từ năm 1900 đến nay.');
    expect(dateMessage('01/01/2030', 'any')).toBeUndefined();
    expect(dateMessage('01/01/2101', 'any')).toBe('Ngày quyết định phải từ năm 1900 đến năm 2100.');
  });

  it('keep a founding date known to the year or the month out of the future too', () => {
    const founded = (typed: string) => messages(optionalPartialDate('Ngày thành lập').safeParse(typed))[''];
    expect(founded('01/01/2099')).toBe('Ngày thành lập không được sau hôm nay.');
    expect(founded('07/2025')).toBe('Ngày thành lập không được sau hôm nay.');
    expect(founded('06/2025')).toBeUndefined();
    expect(founded('2099')).toBe('Ngày thành lập không được sau hôm nay.');
    expect(founded('2025')).toBeUndefined();
    expect(founded('1899')).toBe('Ngày thành lập phải từ năm 1900 đến nay.');
    expect(founded('13/2016')).toBe('Không có tháng 13: tháng từ 1 đến 12.');
    expect(founded('31/02/2016')).toBe('Tháng 2 không có ngày 31.');
  });

  const subject = (values: Record<string, unknown>) =>
    subjectInput.safeParse({ fullName: 'Nguyễn Văn Tư', gender: 'nam', wardId: crypto.randomUUID(), categoryId: crypto.randomUUID(), startDate: '01/01/2020', ...values });

  it('give a birth year outside 1900..now and a start date in the future their own messages', () => {
    expect(messages(subject({ birth: '1890' })).birth).toBe('Năm sinh phải từ 1900 đến nay.');
    expect(messages(subject({ birth: '2026' })).birth).toBe('Năm sinh phải từ 1900 đến nay.');
    expect(messages(subject({ birth: '31/02/1990' })).birth).toBe('Tháng 2 không có ngày 31.');
    expect(subject({ birth: '1965' }).data?.birth).toEqual({ birthDate: null, birthYear: 1965 });
    expect(messages(subject({ startDate: '01/01/2030' })).startDate).toBe('Ngày bắt đầu giúp đỡ không được sau hôm nay.');
    expect(subject({ startDate: '01/01/2020', plannedEndDate: '01/01/2030' }).success).toBe(true);
  });

  it('show "end before start" together with the other problems of the form', () => {
    const problems = messages(subject({ fullName: '', birth: '31/02/1990', startDate: '01/03/2024', plannedEndDate: '01/01/2024' }));
    expect(problems).toEqual({
      fullName: 'Họ và tên không được để trống.',
      birth: 'Tháng 2 không có ngày 31.',
      plannedEndDate: 'Ngày dự kiến kết thúc phải sau ngày bắt đầu giúp đỡ.',
    });
    // It waits only for the dates it compares.
    expect(messages(subject({ startDate: '31/02/2024', plannedEndDate: '01/01/2024' }))).toEqual({ startDate: 'Tháng 2 không có ngày 31.' });
    const round = messages(roundInput.safeParse({ name: '', periodFrom: 2024, periodTo: 2020 }));
    expect(round).toEqual({ name: 'Tên đợt khen thưởng không được để trống.', periodTo: 'Năm kết thúc phải từ năm bắt đầu trở đi.' });
  });
});
