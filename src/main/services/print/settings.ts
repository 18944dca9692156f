/** Print settings: the issuing unit, place and signers printed on every document. */
import type { ParsedInput } from '../../../shared/api';
import { DEFAULT_PRINT_SETTINGS, type PrintSettings } from '../../../shared/print';
import { nowIso, writeAudit, type Context } from '../context';

const KEY = 'print:settings';

export async function printSettings(ctx: Context): Promise<PrintSettings> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return row ? { ...DEFAULT_PRINT_SETTINGS, ...(JSON.parse(row.value) as Partial<PrintSettings>) } : DEFAULT_PRINT_SETTINGS;
}

export async function setPrintSettings(ctx: Context, input: ParsedInput<'print.setSettings'>): Promise<PrintSettings> {
  const before = await printSettings(ctx);
  const row = { key: KEY, value: JSON.stringify(input), updatedAt: nowIso(), updatedBy: ctx.user.id };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values(row).onConflict((conflict) => conflict.column('key').doUpdateSet({ value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy })).execute();
    await writeAudit(trx, ctx, { entity: 'setting', entityId: KEY, action: 'update', before, after: input });
  });
  return input;
}

/** Who issues every document, set once at the first run: the unit's name, and its parent unit and place when given. */
export async function setIssuer(ctx: Context, issuer: Pick<PrintSettings, 'unitName'> & Partial<Pick<PrintSettings, 'parentUnit' | 'place'>>): Promise<void> {
  const current = await printSettings(ctx);
  await setPrintSettings(ctx, { ...current, unitName: issuer.unitName, parentUnit: issuer.parentUnit ?? current.parentUnit, place: issuer.place ?? current.place });
}
