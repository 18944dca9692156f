/** Reading the audit trail (writing it is `writeAudit` in context.ts, part of every write). */
import type { AuditEntry, Entity, PurgedNote } from '../../shared/app';
import type { Page } from '../../shared/common';
import i18next, { type TFunction } from 'i18next';
import type { ParsedInput } from '../../shared/api';
import { formatDateTime } from '../../shared/dates';
import { AUDIT_DOCUMENT, type ExportFormat } from '../../shared/exports';
import { actionText, changeLine, describeAuditFilter } from '../../shared/history-text';
import { vi } from '../../shared/i18n/vi';
import { CATALOGUE_REFERENCES, fieldChanges, HISTORY_ENTRIES_KEPT, isCatalogueReference, type FieldChange } from '../../shared/history';
import type { Db } from '../db/open';
import { nowIso, type Context, type Trx } from './context';
import { exportDocument, type ExportFile, type ExportTable, type TableLine } from './exports';
import { jsonField } from '../db/engine';

type AuditFilter = Omit<ParsedInput<'audit.list'>, 'offset' | 'limit'>;

const isPurgedNote = (value: unknown): value is PurgedNote => typeof value === 'object' && value !== null && typeof (value as PurgedNote).purged === 'object';

const parseJson = (value: string | null): unknown => (value === null ? null : JSON.parse(value));

/** The fields a read-only account never sees (Decree 13/2023), also not in a record's history. */
const SENSITIVE_FIELDS = ['idNumber', 'history'];

/** An audited value as the reader may see it: without the sensitive fields for a read-only account. */
export function visibleTo(ctx: Context, value: unknown): unknown {
  if (ctx.user.role !== 'viewer' || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !SENSITIVE_FIELDS.includes(key)));
}

/**
 * A record's audit trail, newest first: its changes (each edit's changed fields, catalogue ids as the
 * entries' names), with `related` those of its own lists too, and its views, read apart so that many
 * views never push the changes out.
 */
export async function auditForEntity(ctx: Context, query: ParsedInput<'audit.forEntity'>): Promise<AuditEntry[]> {
  const related = query.related ? await relatedRecords(ctx, query.entity, query.entityId) : [];
  const entries = (views: boolean) =>
    ctx.db
      .selectFrom('auditLog as a')
      .leftJoin('users as u', 'u.id', 'a.userId')
      .select(['a.id', 'a.at', 'a.entity', 'a.entityId', 'a.action', 'a.beforeJson', 'a.afterJson', 'u.displayName'])
      .where((eb) =>
        eb.or([
          eb.and([eb('a.entity', '=', query.entity), eb('a.entityId', '=', query.entityId)]),
          ...related.filter((list) => list.ids.length > 0).map((list) => eb.and([eb('a.entity', '=', list.entity), eb('a.entityId', 'in', list.ids)])),
        ]),
      )
      .where('a.action', views ? '=' : '!=', 'view')
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(HISTORY_ENTRIES_KEPT)
      .execute();
  // Newest first; entries of the same millisecond in a stable order (by id).
  const newestFirst = (a: { at: string; id: string }, b: { at: string; id: string }) => (a.at === b.at ? b.id.localeCompare(a.id) : b.at.localeCompare(a.at));
  const rows = [...(await entries(false)), ...(await entries(true))].sort(newestFirst);
  return entriesOf(ctx, rows);
}

/**
 * After a permanent delete: the audit entries of the deleted records keep who did what and when, but
 * their values (names, ID numbers, histories) give way to a note of who deleted them and when. For
 * people, the merges and merge undos written on *another* record go too: they hold the values one
 * record gave the other. Returns how many entries were changed.
 */
export async function scrubAudit(trx: Trx, ctx: Context, records: { entity: Entity; ids: string[] }[]): Promise<number> {
  const note: PurgedNote = { purged: { by: ctx.user.displayName, at: nowIso() } };
  let changed = 0;
  for (const { entity, ids } of records) {
    // In slices: SQLite takes a limited number of parameters per statement.
    for (let start = 0; start < ids.length; start += 500) {
      const slice = ids.slice(start, start + 500);
      const result = await trx
        .updateTable('auditLog')
        .set({ beforeJson: null, afterJson: JSON.stringify(note) })
        .where('entity', '=', entity)
        .where((eb) =>
          eb.or([
            eb('entityId', 'in', slice),
            ...(entity === 'subject'
              ? [
                  eb.and([
                    eb('action', 'in', ['merge', 'unmerge']),
                    eb.or(['keepId', 'mergeId', 'mergedId'].map((key) => eb(jsonField(trx, 'after_json', key), 'in', slice))),
                  ]),
                ]
              : []),
          ]),
        )
        .executeTakeFirst();
      changed += Number(result.numUpdatedRows);
    }
  }
  return changed;
}

/** The UI's Vietnamese texts, for the exported log: the same words as the Nhật ký page. */
let vietnamese: TFunction | null = null;
export function vietnameseTexts(): TFunction {
  if (!vietnamese) {
    const instance = i18next.createInstance();
    void instance.init({ lng: 'vi', resources: { vi: { translation: vi } }, initAsync: false, interpolation: { escapeValue: false } });
    vietnamese = instance.t;
  }
  return vietnamese;
}

const AUDIT_COLUMNS = ['STT', 'Thời điểm', 'Người thực hiện', 'Hồ sơ', 'Thao tác', 'Nội dung'].map((header) => ({ header, kind: 'text' as const }));

const userName = async (ctx: Context, id: string | undefined) =>
  id ? ((await ctx.db.selectFrom('users').select('displayName').where('id', '=', id).executeTakeFirst())?.displayName ?? id) : null;

/** The audit log as the Nhật ký page filters and shows it (values a deleted record had: only the note), to .xlsx or CSV. */
export async function exportAuditLog(ctx: Context, filter: AuditFilter, format: ExportFormat): Promise<ExportFile> {
  const t = vietnameseTexts();
  const lines: TableLine[] = [];
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = await auditList(ctx, { ...filter, offset, limit: EXPORT_PAGE });
    for (const entry of page.rows) {
      const content = entry.purged ? [t('history.purged', { at: formatDateTime(entry.purged.at), by: entry.purged.by })] : entry.changes.map((change) => changeLine(t, entry.entity, change).full);
      lines.push({ cells: [String(lines.length + 1), formatDateTime(entry.at), entry.userName, `${t(`audit.entities.${entry.entity}`)} ${entry.entityId}`, actionText(t, entry), content.join('\n')] });
    }
    if (page.rows.length < EXPORT_PAGE) break;
  }
  const table: ExportTable = { columns: AUDIT_COLUMNS, lines, rows: lines.length, subtitle: describeAuditFilter(t, filter, await userName(ctx, filter.userId)) };
  return exportDocument(ctx, table, AUDIT_DOCUMENT, format);
}

/** Entries read per query while exporting (the largest page a list call serves). */
const EXPORT_PAGE = 1000;

/** The start of a local day (the officer's), as the audit's UTC stamps are compared with it. */
const dayStart = (isoDate: string, days = 0) => {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Date(year as number, (month as number) - 1, (day as number) + days).toISOString();
};

/** The audit log for an administrator: filtered by who, what record, which action and dates; newest first, a page at a time. */
export async function auditList(ctx: Context, query: ParsedInput<'audit.list'>): Promise<Page<AuditEntry>> {
  let filtered = ctx.db.selectFrom('auditLog as a').leftJoin('users as u', 'u.id', 'a.userId');
  if (query.userId) filtered = filtered.where('a.userId', '=', query.userId);
  if (query.entity) filtered = filtered.where('a.entity', '=', query.entity);
  if (query.entityId) filtered = filtered.where('a.entityId', '=', query.entityId);
  if (query.action) filtered = filtered.where('a.action', '=', query.action);
  if (query.from) filtered = filtered.where('a.at', '>=', dayStart(query.from));
  if (query.to) filtered = filtered.where('a.at', '<', dayStart(query.to, 1));
  const [{ total }, rows] = await Promise.all([
    filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    filtered
      .select(['a.id', 'a.at', 'a.entity', 'a.entityId', 'a.action', 'a.beforeJson', 'a.afterJson', 'u.displayName'])
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .offset(query.offset)
      .limit(query.limit)
      .execute(),
  ]);
  return { total: Number(total), rows: await entriesOf(ctx, rows) };
}

interface AuditRow {
  id: string;
  at: string;
  entity: Entity;
  entityId: string;
  action: AuditEntry['action'];
  beforeJson: string | null;
  afterJson: string | null;
  displayName: string | null;
}

/** Audit rows as entries: their values as the reader may see them, the changed fields, catalogue ids as names. */
async function entriesOf(ctx: Context, rows: AuditRow[]): Promise<AuditEntry[]> {
  const read = rows.map((row) => {
    const before = visibleTo(ctx, parseJson(row.beforeJson));
    const after = visibleTo(ctx, parseJson(row.afterJson));
    const purged = isPurgedNote(after) ? after.purged : undefined;
    if (purged) return { id: row.id, at: row.at, userName: row.displayName ?? '', entity: row.entity, entityId: row.entityId, action: row.action, before: null, after: null, changes: [], purged };
    return { id: row.id, at: row.at, userName: row.displayName ?? '', entity: row.entity, entityId: row.entityId, action: row.action, before, after, changes: fieldChanges(row.entity, row.action, before, after) };
  });
  const names = await catalogueNames(ctx.db, read.flatMap((entry) => entry.changes));
  return read.map((entry) => ({ ...entry, changes: entry.changes.map((change) => named(change, names)) }));
}

/** The record's own lists whose changes its history shows (removed entries too: their removal is a change). */
async function relatedRecords(ctx: Context, entity: Entity, id: string): Promise<{ entity: Entity; ids: string[] }[]> {
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
  if (entity === 'model') {
    const [members, evaluations] = await Promise.all([
      ctx.db.selectFrom('modelMembers').select('id').where('modelId', '=', id).execute(),
      ctx.db.selectFrom('modelEvaluations').select('id').where('modelId', '=', id).execute(),
    ]);
    return [
      { entity: 'member', ids: ids(members) },
      { entity: 'evaluation', ids: ids(evaluations) },
    ];
  }
  if (entity === 'subject') return [{ entity: 'review', ids: ids(await ctx.db.selectFrom('subjectReviews').select('id').where('subjectId', '=', id).execute()) }];
  return [];
}

/** The names of the catalogue entries the changes point to (trashed entries too: an old value may be one). */
export async function catalogueNames(db: Db | Trx, changes: FieldChange[]): Promise<Map<string, string>> {
  const wanted = new Map<(typeof CATALOGUE_REFERENCES)[keyof typeof CATALOGUE_REFERENCES], Set<string>>();
  for (const change of changes) {
    if (!isCatalogueReference(change.field)) continue;
    const table = CATALOGUE_REFERENCES[change.field];
    const ids = wanted.get(table) ?? new Set<string>();
    for (const value of [change.before, change.after]) if (typeof value === 'string') ids.add(value);
    wanted.set(table, ids);
  }
  const names = new Map<string, string>();
  for (const [table, ids] of wanted) {
    if (ids.size === 0) continue;
    const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', [...ids]).execute();
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}

/** A catalogue reference's values as the entries' names (an id no catalogue holds stays as it is). */
export function named(change: FieldChange, names: Map<string, string>): FieldChange {
  if (!isCatalogueReference(change.field)) return change;
  const name = (value: unknown) => (typeof value === 'string' ? (names.get(value) ?? value) : value);
  return { ...change, before: name(change.before), after: name(change.after) };
}
