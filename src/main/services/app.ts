/** Application-level facts (which file, schema version, counts) and per-user UI state. */
import type { AppInfo, RegisterCounts } from '../../shared/app';
import type { ParsedInput } from '../../shared/api';
import { ACTIVE_SUBJECT_STATUSES } from '../../shared/subjects';
import type { Workspace } from '../workspace';
import { chooseDataDir } from '../platform/paths';
import { checkFolder } from './backup/settings';
import { nowIso, writeAudit, type Context } from './context';

const WELCOME_DISMISSED = 'app:welcomeDismissed';

export async function registerCounts(ctx: Context): Promise<RegisterCounts> {
  const count = async (table: 'models' | 'modelMembers' | 'modelEvaluations', trashed = false) => {
    let query = ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    query = trashed ? query.where('deletedAt', 'is not', null) : query.where('deletedAt', 'is', null);
    if (table !== 'models') {
      query = query.where(({ exists, selectFrom }) =>
        exists(selectFrom('models').select('models.id').whereRef('models.id', '=', `${table}.modelId` as never).where('models.deletedAt', 'is', null)),
      );
    }
    return Number((await query.executeTakeFirstOrThrow()).n);
  };
  const countLive = async (table: 'subjects' | 'subjectReviews') =>
    Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('deletedAt', 'is', null).executeTakeFirstOrThrow()).n);
  const following = await ctx.db
    .selectFrom('subjects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deletedAt', 'is', null)
    .where('status', 'in', [...ACTIVE_SUBJECT_STATUSES])
    .executeTakeFirstOrThrow();
  return {
    models: await count('models'),
    members: await count('modelMembers'),
    evaluations: await count('modelEvaluations'),
    trashedModels: await count('models', true),
    subjects: await countLive('subjects'),
    following: Number(following.n),
    reviews: await countLive('subjectReviews'),
  };
}

export async function appInfo(ctx: Context, workspace: Workspace): Promise<AppInfo> {
  const counts = await registerCounts(ctx);
  const dismissed = await readSetting(ctx, WELCOME_DISMISSED);
  return {
    mode: workspace.mode,
    dataFile: workspace.file,
    engine: workspace.engine,
    schemaVersion: workspace.schemaVersion,
    appVersion: workspace.appVersion,
    firstRun: workspace.mode === 'real' && !dismissed && counts.models === 0,
    user: ctx.user,
    counts,
  };
}

/**
 * Another data folder for the next starts without --data-dir (platform/paths.ts keeps the choice beside the
 * usual folder): checked like a backup folder (full path, created if missing, writable). This run keeps
 * its file; a folder without a data file gets a new one at the next start (its own first run).
 */
export async function setDataFolder(ctx: Context, input: ParsedInput<'app.setDataFolder'>): Promise<{ folder: string }> {
  const folder = checkFolder(input.folder, 'folder');
  chooseDataDir(folder);
  await writeAudit(ctx.db, ctx, { entity: 'setting', entityId: 'data-folder', action: 'update', before: null, after: { folder } });
  return { folder };
}

export async function dismissWelcome(ctx: Context, workspace: Workspace): Promise<AppInfo> {
  await writeSetting(ctx, WELCOME_DISMISSED, true);
  return appInfo(ctx, workspace);
}

/** A setting's value (stored as JSON), or null when it is not set. */
export async function readSetting(ctx: Context, key: string): Promise<unknown> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? JSON.parse(row.value) : null;
}

export async function writeSetting(ctx: Context, key: string, value: unknown): Promise<void> {
  const row = { key, value: JSON.stringify(value), updatedAt: nowIso(), updatedBy: ctx.user.id };
  await ctx.db
    .insertInto('settings')
    .values(row)
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy }))
    .execute();
}

/** UI state (grid column layouts and the like) is kept per user, not audited: it is not records data. */
const uiKey = (ctx: Context, key: string) => `ui:${ctx.user.id}:${key}`;

export async function getUiState(ctx: Context, input: ParsedInput<'ui.getState'>) {
  return { value: await readSetting(ctx, uiKey(ctx, input.key)) };
}

/** The value's size and depth were bounded by its schema (shared/ui-state.ts). */
export async function setUiState(ctx: Context, input: ParsedInput<'ui.setState'>) {
  await writeSetting(ctx, uiKey(ctx, input.key), input.value ?? null);
  return { ok: true as const };
}
