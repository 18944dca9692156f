/**
 * `npm run bench [-- --scale N --runs N]`: the models register at size (scale 200 = 20.000 models, about
 * 200.000 members) in a temp folder. Each operation is timed through the full handler path (zod
 * validation, access check, Kysely) and as hand-written better-sqlite3 statements doing the same work,
 * so the cost of the layers shows. It measures only: nothing here asserts a time.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers, handleRequest } from '../src/main/api';
import { SYSTEM_USER } from '../src/main/db/system-user';
import { Session } from '../src/main/session';
import { generateDemoData } from '../src/main/demo';
import { Workspace } from '../src/main/workspace';
import type { Method } from '../src/shared/api';
import { collationKey, foldForSearch, searchTerms } from '../src/shared/text';
import { measure as measureRuns } from './measure';

const { values: args } = parseArgs({ options: { scale: { type: 'string', default: '200' }, runs: { type: 'string', default: '200' }, warmup: { type: 'string', default: '20' } } });
const scale = Number(args.scale);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
if (!(scale > 0 && scale <= 1000) || !(runs >= 1) || !(warmup >= 0)) throw new Error('Usage: npm run bench -- [--scale N (0-1000)] [--runs N] [--warmup N]');


const measure = (run: () => unknown) => measureRuns(run, { runs, warmup });

const dir = mkdtempSync(join(tmpdir(), 'antq-bench-'));
try {
  const workspace = await Workspace.open({ dataDir: dir });
  const handlers = createHandlers(workspace);
  const sqlite = workspace.sqlite;

  const cpu = cpus();
  const sqliteVersion = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v;
  console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}, SQLite ${sqliteVersion}`);

  const started = performance.now();
  const summary = await generateDemoData(workspace.context(), { scale, people: 0 });
  console.log(
    `Generated (generateDemoData, scale ${scale}) ${summary.models} models, ${summary.members} members, ${summary.evaluations} evaluations in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  // No ANALYZE: the app does not run one, so the query plans are the ones officers get.
  console.log(`${warmup} warm-up + ${runs} measured runs per operation`);

  const call = async (method: Method, input: unknown) => {
    const response = await handleRequest(workspace, handlers, new Session(SYSTEM_USER), method, input);
    if (!response.ok) throw new Error(`${method}: ${response.error.code} ${response.error.message}`);
    return response.result;
  };

  // --- The same work as the services do, as prepared statements (SQL as the service generates it). ---
  const latest = (column: string) =>
    `(select e.${column} from model_evaluations e where e.model_id = m.id and e.deleted_at is null order by e.year desc limit 1)`;
  const from = `from models m join model_types t on t.id = m.type_id join wards w on w.id = m.ward_id left join neighbourhoods n on n.id = m.neighbourhood_id`;
  const liveAnd = (terms: number) => ['m.deleted_at is null', ...Array.from({ length: terms }, () => `m.search_text like ? escape '\\'`)].join(' and ');
  const rowColumns = `m.id, m.name, m.type_id, m.ward_id, m.neighbourhood_id, m.address, m.founded_on, m.founding_decision, m.leader_name,
    m.leader_phone, m.status, m.note, m.member_count, m.created_at, m.updated_at, m.created_by, m.updated_by, m.deleted_at,
    t.name as type_name, w.name as ward_name, n.name as neighbourhood_name, ${latest('rating')} as latest_rating, ${latest('year')} as latest_rating_year`;
  const pageStatements = new Map<number, { rows: BetterSqlite3.Statement; total: BetterSqlite3.Statement }>();
  const rawList = (search: string) => {
    const terms = searchTerms(search);
    let statements = pageStatements.get(terms.length);
    if (!statements) {
      statements = {
        rows: sqlite.prepare(`select ${rowColumns} ${from} where ${liveAnd(terms.length)} order by m.sort_key asc, m.sort_key asc, m.id asc limit ? offset ?`),
        total: sqlite.prepare(`select count(*) as total from models m where ${liveAnd(terms.length)}`),
      };
      pageStatements.set(terms.length, statements);
    }
    const patterns = terms.map((term) => `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    return { rows: statements.rows.all(...patterns, 100, 0), total: statements.total.get(...patterns) };
  };

  // As the service: counts on the models table alone, names looked up in the small catalogues.
  const countStatements = [
    sqlite.prepare(`select count(*) as total, coalesce(sum(m.member_count), 0) as members from models m where m.deleted_at is null`),
    sqlite.prepare(`select m.type_id as key, count(*) as count from models m where m.deleted_at is null group by m.type_id`),
    sqlite.prepare(`select m.ward_id as key, count(*) as count from models m where m.deleted_at is null group by m.ward_id`),
    sqlite.prepare(`select m.status as key, count(*) as count from models m where m.deleted_at is null group by m.status`),
    sqlite.prepare(`select id, name from model_types order by sort_key`),
    sqlite.prepare(`select id, name from wards order by sort_key`),
  ];
  const rawCounts = () => countStatements.map((statement) => statement.all());

  const type = sqlite.prepare("select id, name from model_types where name = 'Nhà trọ tự quản'").get() as { id: string; name: string };
  const ward = sqlite.prepare("select id, name from wards where name = 'Phường Bình Tiên'").get() as { id: string; name: string };
  const createInput = {
    name: 'Nhà trọ tự quản số 12 Bà Hom',
    typeId: type.id,
    wardId: ward.id,
    address: '12 Bà Hom, Phường Bình Tiên',
    foundedOn: '25/10/2018',
    leaderName: 'Nguyễn Văn Bình',
    leaderPhone: '0903 123 456',
  };
  const lookupType = sqlite.prepare('select name from model_types where id = ? and deleted_at is null');
  const lookupWard = sqlite.prepare('select name from wards where id = ? and deleted_at is null');
  const insertModel = sqlite.prepare(`insert into models (id, name, type_id, ward_id, neighbourhood_id, address, founded_on, founding_decision,
    leader_name, leader_phone, status, note, search_text, sort_key, created_at, updated_at, created_by, updated_by, deleted_at)
    values (@id, @name, @typeId, @wardId, null, @address, @foundedOn, null, @leaderName, @leaderPhone, 'hoat_dong', null, @searchText, @sortKey,
    @now, @now, @user, @user, null)`);
  const insertStatus = sqlite.prepare(`insert into model_status_changes (id, model_id, from_status, to_status, changed_on, reason, created_at, created_by)
    values (?, ?, null, 'hoat_dong', ?, 'Thêm mới', ?, ?)`);
  const insertAudit = sqlite.prepare(`insert into audit_log (id, at, user_id, entity, entity_id, action, before_json, after_json)
    values (?, ?, ?, 'model', ?, 'create', null, ?)`);
  const rawCreate = sqlite.transaction(() => {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const typeName = (lookupType.get(createInput.typeId) as { name: string }).name;
    const wardName = (lookupWard.get(createInput.wardId) as { name: string }).name;
    const values = { ...createInput, foundedOn: '2018-10-25', leaderPhone: '0903123456' };
    const searchText = foldForSearch([values.name, typeName, wardName, values.address, values.leaderName, values.leaderPhone].join(' '));
    insertModel.run({ ...values, id, searchText, sortKey: collationKey(values.name), now, user: SYSTEM_USER.id });
    insertStatus.run(crypto.randomUUID(), id, values.foundedOn, now, SYSTEM_USER.id);
    insertAudit.run(crypto.randomUUID(), now, SYSTEM_USER.id, id, JSON.stringify(values));
  });

  const streetTerm = 'Mai Xuân Thưởng';
  const rareTerm = 'Quách Thị Kim Tuyết';
  const operations: { name: string; handler: () => Promise<unknown>; raw: () => unknown }[] = [
    { name: 'list: first page of 100 + total', handler: () => call('models.list', {}), raw: () => rawList('') },
    { name: "search 'nha tro tu quan'", handler: () => call('models.list', { search: 'nha tro tu quan' }), raw: () => rawList('nha tro tu quan') },
    { name: `search '${streetTerm}'`, handler: () => call('models.list', { search: streetTerm }), raw: () => rawList(streetTerm) },
    { name: `search '${rareTerm}'`, handler: () => call('models.list', { search: rareTerm }), raw: () => rawList(rareTerm) },
    { name: 'counts (total, by type/ward/status)', handler: () => call('models.counts', {}), raw: rawCounts },
    { name: 'create one model (+history, audit)', handler: () => call('models.create', createInput), raw: rawCreate },
  ];

  // Sanity: the raw statements find the same rows as the handler.
  const matches: string[] = [];
  for (const search of ['', 'nha tro tu quan', streetTerm, rareTerm]) {
    const handlerPage = (await call('models.list', { search })) as { rows: { id: string }[]; total: number };
    const rawPage = rawList(search) as { rows: { id: string }[]; total: { total: number } };
    if (handlerPage.total !== rawPage.total.total || handlerPage.rows.map((row) => row.id).join() !== rawPage.rows.map((row) => row.id).join()) {
      throw new Error(`The raw query for '${search}' does not match the handler: fix the bench SQL.`);
    }
    matches.push(`'${search}': ${handlerPage.total}`);
  }
  console.log(`Matching models: ${matches.join(', ')}\n`);

  const ms = (value: number) => value.toFixed(2).padStart(8);
  const header = `${'operation'.padEnd(38)} ${'handler median'.padStart(14)} ${'p95'.padStart(8)} ${'raw median'.padStart(11)} ${'p95'.padStart(8)} ${'ratio'.padStart(7)}`;
  console.log(header);
  console.log('-'.repeat(header.length));
  for (const operation of operations) {
    const handler = await measure(operation.handler);
    const raw = await measure(operation.raw);
    console.log(
      `${operation.name.padEnd(38)} ${ms(handler.median).padStart(14)} ${ms(handler.p95)} ${ms(raw.median).padStart(11)} ${ms(raw.p95)} ${`${(handler.median / raw.median).toFixed(1)}×`.padStart(7)}`,
    );
  }
  console.log('\nTimes in ms. Ratio = handler median / raw median.');
  await workspace.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
