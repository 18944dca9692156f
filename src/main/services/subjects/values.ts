/** A record's values as stored, and the columns computed from them (sort keys, search text, due-date anchor). */
import type { SubjectValues } from '../../../shared/subjects';
import { foldForSearch, personNameKey } from '../../../shared/text';

export type Stored = Omit<SubjectValues, 'birth' | 'confirmedDistinct'> & { birthDate: string | null; birthYear: number | null };

/** The form's values as stored (column by column, not by rest and spread: an import makes 50.000 of them). */
export function toStored(values: SubjectValues): Stored {
  return {
    fullName: values.fullName,
    alias: values.alias,
    gender: values.gender,
    birthDate: values.birth.birthDate,
    birthYear: values.birth.birthYear,
    idNumber: values.idNumber,
    phone: values.phone,
    permanentAddress: values.permanentAddress,
    currentAddress: values.currentAddress,
    wardId: values.wardId,
    neighbourhoodId: values.neighbourhoodId,
    categoryId: values.categoryId,
    reintegrationGroup: values.reintegrationGroup,
    history: values.history,
    startDate: values.startDate as string,
    plannedEndDate: values.plannedEndDate,
    decisionNumber: values.decisionNumber,
    decisionDate: values.decisionDate,
    decisionIssuer: values.decisionIssuer,
    helperName: values.helperName,
    helperOrgId: values.helperOrgId,
    helperPhone: values.helperPhone,
  };
}

/** The stored fields the denormalised columns are computed from. */
export type DerivedSource = Pick<Stored, 'fullName' | 'alias' | 'birthDate' | 'birthYear' | 'idNumber' | 'phone' | 'permanentAddress' | 'currentAddress'>;

/** "1985" or "1985-03-12": binary order puts a year alone before the full dates of that year. */
const birthSortKey = (birthDate: string | null, birthYear: number | null) => birthDate ?? (birthYear ? String(birthYear) : null);

/** The denormalised columns of a subjects row (sorting, duplicate detection, search); the demo generator uses them too. */
export function derivedColumns(source: DerivedSource) {
  const nameFold = foldForSearch(source.fullName);
  return { birthSort: birthSortKey(source.birthDate, source.birthYear), nameFold, searchText: searchTextOf(nameFold, source), sortKey: personNameKey(source.fullName) };
}

/**
 * The folded search text: the folded name (folded once, for nameFold too) and the other fields' folds,
 * joined by one space. The same text as folding the fields joined: folding trims and collapses spaces.
 */
function searchTextOf(nameFold: string, source: DerivedSource): string {
  let text = nameFold;
  for (const value of [source.alias, source.idNumber, source.phone, source.permanentAddress, source.currentAddress]) {
    const folded = value ? foldForSearch(value) : '';
    if (folded) text = text ? `${text} ${folded}` : folded;
  }
  return text;
}

/** The date the next review is counted from: the last review, or the start date before any review. */
export const reviewAnchorOf = (lastReviewOn: string | null, startDate: string) => lastReviewOn ?? startDate;
