/** Telling whether two people are one: the same name, the same birth, or alike enough to be a likely duplicate. */
import { cleanText } from '../../../shared/text';

/** The same name: equal once case and spacing are set aside (a difference of accents is only a possible duplicate). */
export const sameName = (a: string, b: string) => cleanText(a).toLocaleLowerCase('vi') === cleanText(b).toLocaleLowerCase('vi');

type Birth = { birthDate: string | null; birthYear: number | null };

/** The same birth, known to the day on both sides, or the same year where both know only the year. */
export function sameFullBirth(a: Birth, b: Birth): boolean {
  if (a.birthDate || b.birthDate) return a.birthDate === b.birthDate;
  return a.birthYear !== null && a.birthYear === b.birthYear;
}

/** A person of the file or the register, as far as telling a likely duplicate goes. */
export type Resembling = { birthDate: string | null; birthYear: number | null; wardId: string; idNumber: string | null };

/**
 * What two people of the same folded name share that makes them likely one person: the same birth year
 * and ward, or the same full birth date; never when both have ID numbers and they differ. Null if too little.
 */
export function likelySame(a: Resembling, b: Resembling): string | null {
  if ((a.idNumber && b.idNumber && a.idNumber !== b.idNumber) || a.birthYear === null || a.birthYear !== b.birthYear) return null;
  const sameDate = a.birthDate !== null && a.birthDate === b.birthDate;
  const sameWard = a.wardId === b.wardId;
  if (!sameDate && !sameWard) return null;
  return ['cùng họ tên', sameDate ? 'ngày sinh' : 'năm sinh', sameWard ? 'phường' : null].filter(Boolean).join(', ');
}
