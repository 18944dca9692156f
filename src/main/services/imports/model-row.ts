/** One row of a models sheet analysed: the model found by name and ward (its values laid over the stored ones), and the member it lists. */
import { memberInput, modelInput } from '../../../shared/models';
import { foldForSearch } from '../../../shared/text';
import type { NormalisedRow } from '../../import/normalise';
import type { Context } from '../context';
import { fail, type Issue, type MemberValues, type Payload, type RowResult } from './analysis';
import { modelKey, type Lookup } from './lookup';
import { addSchemaIssues, fieldValues } from './row-values';
import { checkNeighbourhood } from './service-rules';
import { memberId } from './stored';

export async function analyseModel(ctx: Context, lookup: Lookup, row: NormalisedRow, issues: Issue[], _warnings: Issue[]): Promise<RowResult> {
  const raw = fieldValues(row, 'models', 'modelInput', lookup, issues);
  const memberRaw = fieldValues(row, 'models', 'memberInput', lookup, issues);
  let member: MemberValues | null = null;
  if (memberRaw.fullName) {
    const memberParsed = memberInput.safeParse({ ...memberRaw, modelId: '00000000-0000-4000-8000-000000000000' });
    if (memberParsed.success) {
      const { modelId: _modelId, ...values } = memberParsed.data;
      member = values;
    } else addSchemaIssues(issues, memberParsed.error, 'models', 'memberInput');
  }
  const identity = modelInput.pick({ name: true, wardId: true }).safeParse({ name: raw.name, wardId: raw.wardId ?? '' });
  if (!identity.success) addSchemaIssues(issues, identity.error, 'models', 'modelInput');
  if (!identity.success || issues.length > 0) return { action: 'error', payload: null };

  const key = modelKey(identity.data.name, identity.data.wardId);
  const memberKey = member ? `member:${key}\u0001${foldForSearch(member.fullName)}` : null;
  const repeat = memberKey ? lookup.seen.get(memberKey) : undefined;
  if (repeat) return fail(issues, 'memberName', `Thành viên này đã có ở dòng ${repeat} của tệp.`, repeat);
  if (memberKey) lookup.seen.set(memberKey, row.rowNumber);
  const earlierRow = lookup.seen.get(`model:${key}`);
  if (earlierRow && !member) return fail(issues, 'name', `Mô hình này (cùng tên, cùng phường) đã có ở dòng ${earlierRow} của tệp.`, earlierRow);
  const firstRowOfModel = earlierRow === undefined;
  lookup.seen.set(`model:${key}`, earlierRow ?? row.rowNumber);

  // An existing model: the file's values over its own (an empty cell, a missing status, keep what it has).
  const existing = lookup.models.get(key);
  const stored = existing ? ((await ctx.db.selectFrom('models').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow()) as unknown as Record<string, unknown>) : null;
  const base = stored ? Object.fromEntries(Object.keys(modelInput.shape).map((field) => [field, stored[field] ?? null])) : {};
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== null));
  const parsed = modelInput.safeParse({ typeId: '', ...base, ...given });
  if (!parsed.success) addSchemaIssues(issues, parsed.error, 'models', 'modelInput');
  else checkNeighbourhood(parsed.data, lookup, issues);
  if (!parsed.success || issues.length > 0) return { action: 'error', payload: null };

  const payload: Payload = { register: 'models', modelKey: key, model: parsed.data, member };
  if (!existing || !stored) return { action: firstRowOfModel || member ? 'add' : 'same', payload };
  const modelChanged = firstRowOfModel && Object.entries(parsed.data).some(([field, value]) => (stored[field] ?? null) !== (value ?? null));
  const memberNew = member ? !(await memberId(ctx.db, existing.id, member.fullName)) : false;
  return { action: memberNew ? 'add' : modelChanged ? 'update' : 'same', payload, matchName: existing.name };
}
