/**
 * npx tsx bench/indexes.bench.ts [--people 20000] [--table subjects]
 *
 * Which query uses which index. Demo data of `--people` individuals is generated in a temp folder, then
 * every reading call of the subjects register is made through the handler table (each sort field both
 * ways, each filter alone and with a search, short and long searches, the trash, counts, the due view,
 * duplicates, a record, an export, the import's lookups), capturing the SQL each ran. Each statement's
 * EXPLAIN QUERY PLAN is read twice: in the session that generated the data (no planner statistics) and
 * after ANALYZE (what officers get once `PRAGMA optimize` has run at a close). It prints query -> index
 * and, last, each index of the table with the queries that use it; an index no query uses is marked.
 * Writes (a unique index enforcing a rule is used by every insert) are named apart. It measures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers, handleRequest } from '../src/main/api';
import { SYSTEM_USER } from '../src/main/db/system-user';
import { Session } from '../src/main/session';
import { generateDemoData } from '../src/main/demo';
import { Workspace } from '../src/main/workspace';
import type { Method } from '../src/shared/api';
import { statementRecorder, type Captured } from './statement-recorder';
import { SUBJECT_SORT_FIELDS } from '../src/shared/subjects';

const { values: args } = parseArgs({ options: { people: { type: 'string', default: '20000' }, table: { type: 'string', default: 'subjects' } } });
const people = Number(args.people);
const table = args.table ?? 'subjects';
if (!Number.isInteger(people) || people < 100) throw new Error('Usage: npx tsx bench/indexes.bench.ts [--people N (100 or more)] [--table subjects]');

const dir = mkdtempSync(join(tmpdir(), 'antq-bench-indexes-'));
try {
  const workspace = await Workspace.open({ dataDir: dir });
  const sqlite = workspace.sqlite;
  const recorder = statementRecorder(sqlite);
  const summary = await generateDemoData(workspace.context(), { scale: 0.1, people });
  console.log(`${summary.subjects} people, ${summary.reviews} reviews (demo data); indexes of table ${table}:`);
  const handlers = createHandlers(workspace);
  const call = async (method: Method, input: unknown) => {
    const response = await handleRequest(workspace, handlers, new Session(SYSTEM_USER), method, input);
    if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
    return response.result;
  };
  const one = <Row>(sql: string, ...parameters: unknown[]) => sqlite.prepare(sql).get(...parameters) as Row;
  const ward = one<{ id: string }>('select ward_id as id from subjects group by ward_id order by count(*) desc limit 1');
  const category = one<{ id: string }>('select category_id as id from subjects where reintegration_group is not null limit 1');
  const org = one<{ id: string }>('select helper_org_id as id from subjects where helper_org_id is not null limit 1');
  const person = one<{ id: string; fullName: string; birthYear: number; wardId: string; idNumber: string }>(
    'select id, full_name as fullName, birth_year as birthYear, ward_id as wardId, id_number as idNumber from subjects where id_number is not null and birth_year is not null and deleted_at is null limit 1',
  );
  const trashed = one<{ id: string }>('select id from subjects where deleted_at is null order by seq desc limit 1');
  await call('subjects.trash', { id: trashed.id });

  const calls: { name: string; method: Method; input: unknown }[] = [];
  for (const field of SUBJECT_SORT_FIELDS) {
    for (const direction of ['asc', 'desc'] as const) {
      calls.push({ name: `list sorted by ${field} ${direction}`, method: 'subjects.list', input: { sort: { field, direction } } });
      calls.push({ name: `list sorted by ${field} ${direction}, deep page`, method: 'subjects.list', input: { sort: { field, direction }, offset: Math.floor(people / 2) } });
    }
  }
  const filters: [string, Record<string, unknown>][] = [
    ['ward', { wardId: ward.id }],
    ['category', { categoryId: category.id }],
    ['group', { group: 'A' }],
    ['status', { status: 'da_tien_bo' }],
    ['helper organisation', { helperOrgId: org.id }],
    ['start year', { startYear: 2022 }],
    ['ward + status', { wardId: ward.id, status: 'dang_giup_do' }],
    ['trash', { trashed: true }],
  ];
  for (const [name, filter] of filters) {
    calls.push({ name: `list filtered by ${name}`, method: 'subjects.list', input: filter });
    calls.push({ name: `list filtered by ${name}, sorted by start date`, method: 'subjects.list', input: { ...filter, sort: { field: 'startDate', direction: 'asc' } } });
    calls.push({ name: `counts filtered by ${name}`, method: 'subjects.counts', input: filter });
  }
  for (const search of ['an', 'nguyen', 'nguyen van binh', person.idNumber]) {
    calls.push({ name: `search '${search}'`, method: 'subjects.list', input: { search } });
    calls.push({ name: `search '${search}' in a ward`, method: 'subjects.list', input: { search, wardId: ward.id } });
    calls.push({ name: `counts of search '${search}'`, method: 'subjects.counts', input: { search } });
  }
  calls.push(
    { name: 'counts', method: 'subjects.counts', input: {} },
    { name: 'due view', method: 'subjects.due', input: {} },
    { name: 'due view, all', method: 'subjects.due', input: { all: true } },
    { name: 'due counts', method: 'subjects.dueCounts', input: {} },
    { name: 'open a record', method: 'subjects.get', input: { id: person.id } },
    { name: 'sensitive fields', method: 'subjects.sensitive', input: { ids: [person.id] } },
    { name: 'duplicates while typing', method: 'subjects.findDuplicates', input: { fullName: person.fullName, birth: String(person.birthYear), wardId: person.wardId, idNumber: person.idNumber } },
    { name: 'duplicate pairs', method: 'subjects.duplicatePairs', input: null },
    { name: 'app info (counts)', method: 'app.info', input: null },
    { name: 'export the register (csv)', method: 'exports.file', input: { export: { register: 'subjects', format: 'csv', filter: { sort: { field: 'birth', direction: 'asc' } } }, target: 'download' } },
  );

  const captured: { name: string; statements: Captured[] }[] = [];
  for (const item of calls) {
    try {
      captured.push({ name: item.name, statements: (await recorder.capture(() => call(item.method, item.input))).filter((statement) => statement.reader) });
    } catch (error) {
      console.log(`  (skipped ${item.name}: ${(error as Error).message.split('\n')[0]})`);
    }
  }
  // The import's lookups read the register directly (not through a handler call of their own).
  captured.push({
    name: 'import: lookup of the register',
    statements: [{ sql: 'select "id", "full_name", "name_fold", "birth_date", "birth_year", "id_number", "ward_id" from "subjects" where "deleted_at" is null', parameters: [], reader: true }],
  });

  const indexes = (sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = ? order by name").all(table) as { name: string }[]).map((row) => row.name);
  const usedBy = new Map<string, Set<string>>(indexes.map((name) => [name, new Set()]));
  const planOf = (item: Captured) => (sqlite.prepare(`explain query plan ${item.sql}`).all(item.parameters) as { detail: string }[]).map((step) => step.detail);
  const readPlans = (label: string) => {
    console.log(`\n--- query -> index (${label})`);
    for (const { name, statements } of captured) {
      const used = new Set<string>();
      for (const statement of statements) {
        for (const detail of planOf(statement)) {
          const match = /USING (?:COVERING )?INDEX (\S+)/.exec(detail) ?? (/USING INTEGER PRIMARY KEY/.test(detail) ? [null, '(rowid)'] : null);
          const onTable = new RegExp(`(SCAN|SEARCH) (${table}|s|a|b)\\b`).test(detail) || detail.includes(`${table}_search`);
          if (match?.[1] && onTable) {
            used.add(match[1]);
            usedBy.get(match[1])?.add(name);
          }
        }
      }
      console.log(`${name.padEnd(60)} -> ${[...used].join(', ') || '(no index of this table)'}`);
    }
  };
  readPlans('first session, no planner statistics');
  sqlite.exec('analyze');
  readPlans('after ANALYZE');

  const unique = new Set((sqlite.prepare(`select name from pragma_index_list(?) where "unique" = 1 or origin != 'c'`).all(table) as { name: string }[]).map((row) => row.name));
  console.log(`\n--- index -> queries (${indexes.length} indexes on ${table}; ${(sqlite.prepare("select count(*) as n from sqlite_master where type = 'index'").get() as { n: number }).n} in the database)`);
  for (const name of indexes) {
    const users = [...(usedBy.get(name) ?? [])];
    const note = users.length > 0 ? `${users.length} queries: ${users.slice(0, 4).join('; ')}${users.length > 4 ? '; …' : ''}` : unique.has(name) ? 'no query; enforces uniqueness (used by every write)' : 'NO QUERY USES IT';
    console.log(`${name.padEnd(34)} ${note}`);
  }
  await workspace.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
