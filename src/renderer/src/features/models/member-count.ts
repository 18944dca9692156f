/** A model's member count in words, for its register's column and for print. */
import type { TFunction } from 'i18next';
import type { ModelRow } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';

/** "12", or "12 (khai báo 18)" when the model's papers declare another number than the members listed. */
export function memberCountText(t: TFunction, row: Pick<ModelRow, 'memberCount' | 'declaredMemberCount'>): string {
  const listed = formatNumber(row.memberCount);
  if (row.declaredMemberCount === null || row.declaredMemberCount === undefined || row.declaredMemberCount === row.memberCount) return listed;
  return t('models.memberCountDeclared', { listed, declared: formatNumber(row.declaredMemberCount) });
}
