/**
 * npx tsx bench/report.bench.ts [--people 100000] [--activities 1000000] [--tips 200000] [--runs 10] [--keep DIR] [--statements]
 *
 * The period report at size (issue 17: under 1 s for 100.000 people and 1.000.000 activities): a fresh
 * data folder gets the demo register (`generateDemoData`, 1.000 models, the people with their reviews),
 * then a million activity entries and the tips, written raw over 2013–2026 and the wards. The report's
 * figures are then timed through the full handler path (`report.figures`: validation, access check,
 * Kysely) for the whole period, one year, and a quarter of one ward, beside the same statements replayed
 * raw on better-sqlite3 (captured from one handler call): the SQL floor. `--keep DIR` makes the data in
 * DIR once and reuses it on later runs; `--statements` times each captured statement on its own.
 * Measures only; asserts nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHandlers, handleRequest } from '../src/main/api';
import { SYSTEM_USER } from '../src/main/db/system-user';
import { generateDemoData } from '../src/main/demo';
import { random } from '../src/main/demo/random';
import { Session } from '../src/main/session';
import { Workspace } from '../src/main/workspace';
import { measure } from './measure';
import { statementRecorder } from './statement-recorder';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    activities: { type: 'string', default: '1000000' },
    tips: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '10' },
    keep: { type: 'string' },
    statements: { type: 'boolean', default: false },
  },
});
const people = Number(args.people);
const activityCount = Number(args.activities);
const tipCount = Number(args.tips);
const runs = Number(args.runs);

const cpu = cpus();
console.log(`Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}`);
const dir = args.keep ?? mkdtempSync(join(tmpdir(), 'antq-bench-report-'));
const reuse = args.keep !== undefined && existsSync(join(dir, 'so-theo-doi.sqlite'));
if (args.keep) mkdirSync(dir, { recursive: true });
const started = performance.now();
let workspace = await Workspace.open({ dataDir: dir });
if (!reuse) await makeData(workspace);

async function makeData(workspace: Workspace) {
await generateDemoData(workspace.context(), { scale: 10, people });

// A million entries: monthly totals and single sessions over 2013–2026, in every ward; tips likewise.
const sqlite = workspace.sqlite;
const rng = random(17);
const wards = (sqlite.prepare('select id from wards').all() as { id: string }[]).map((row) => row.id);
const programmes = (sqlite.prepare('select id from programmes').all() as { id: string }[]).map((row) => row.id);
const now = new Date().toISOString();
const pad = (value: number) => String(value).padStart(2, '0');
const day = () => `${rng.int(2013, 2026)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
const insertActivity = sqlite.prepare(
  `insert into activities (id, kind, period, events, ward_id, topic, programme_id, participants, created_at, updated_at, created_by, updated_by)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertTip = sqlite.prepare(
  `insert into tips (id, received_on, ward_id, channel, summary, valuable, case_handled, created_at, updated_at, created_by, updated_by)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
sqlite.transaction(() => {
  for (let index = 0; index < activityCount; index += 1) {
    const session = rng.next() < 0.7;
    const monthly = rng.next() < 0.3;
    const date = day();
    insertActivity.run(
      crypto.randomUUID(), session ? 'tuyen_truyen' : 'van_dong', monthly ? date.slice(0, 7) : date, monthly ? rng.int(2, 20) : 1, rng.pick(wards),
      session ? 'Phòng, chống tội phạm' : null, session ? null : rng.pick(programmes), rng.int(5, 200), now, now, SYSTEM_USER.id, SYSTEM_USER.id,
    );
  }
  for (let index = 0; index < tipCount; index += 1) {
    const valuable = rng.next() < 0.5;
    insertTip.run(crypto.randomUUID(), day(), rng.pick(wards), 'truc_tiep', 'Tin báo', valuable ? 1 : 0, valuable && rng.next() < 0.2 ? 1 : 0, now, now, SYSTEM_USER.id, SYSTEM_USER.id);
  }
})();
}
// Reopened, as officers work from their second session on (PRAGMA optimize at close gathers statistics).
await workspace.close();
workspace = await Workspace.open({ dataDir: dir });
console.log(reuse ? `Data: reused from ${dir}` : `Data: ${people.toLocaleString('vi-VN')} people, ${activityCount.toLocaleString('vi-VN')} activity entries, ${tipCount.toLocaleString('vi-VN')} tips; made in ${((performance.now() - started) / 1000).toFixed(0)} s`);

const handlers = createHandlers(workspace);
const call = async (input: unknown) => {
  const response = await handleRequest(workspace, handlers, new Session(SYSTEM_USER), 'report.figures', input);
  if (!response.ok) throw new Error(response.error.message);
  return response.result as { sessions: { events: number }; subjects: { total: number } };
};
const recorder = statementRecorder(workspace.sqlite);

const timed = (run: () => unknown) => measure(run, { runs, warmup: 1 });

const ward = (workspace.sqlite.prepare("select id from wards where name = 'Phường Bình Tiên'").get() as { id: string }).id;
const cases = [
  { name: 'whole period 01/01/2013–31/12/2026', input: { from: '01/01/2013', to: '31/12/2026' } },
  { name: 'one year (2018)', input: { from: '01/01/2018', to: '31/12/2018' } },
  { name: 'a quarter, one ward', input: { from: '01/07/2018', to: '30/09/2018', wardIds: [ward] } },
];
console.log(`\n${runs} runs each after one warm-up; ms. Target: under 1.000 ms.`);
console.log(`${'report.figures'.padEnd(36)} ${'handler median'.padStart(14)} ${'p95'.padStart(8)} ${'raw SQL median'.padStart(15)} ${'p95'.padStart(8)} ${'SQL'.padStart(4)}  result`);
for (const { name, input } of cases) {
  let result: Awaited<ReturnType<typeof call>> | undefined;
  const captured = await recorder.capture(async () => {
    result = await call(input);
  });
  const statements = captured.map((item) => ({ ...item, statement: recorder.prepare(item.sql) }));
  if (args.statements) {
    for (const item of statements) {
      const alone = await timed(() => item.statement.all(item.parameters));
      console.log(`    ${alone.median.toFixed(1).padStart(8)} ms  ${item.sql.slice(0, 150)}`);
    }
  }
  const handler = await timed(() => call(input));
  const raw = await timed(() => statements.forEach((item) => item.statement.all(item.parameters)));
  console.log(
    `${name.padEnd(36)} ${handler.median.toFixed(1).padStart(14)} ${handler.p95.toFixed(1).padStart(8)} ${raw.median.toFixed(1).padStart(15)} ${raw.p95.toFixed(1).padStart(8)} ${String(statements.length).padStart(4)}  ${result?.sessions.events.toLocaleString('vi-VN')} sessions, ${result?.subjects.total.toLocaleString('vi-VN')} people`,
  );
}
await workspace.close();
if (!args.keep) rmSync(dir, { recursive: true, force: true });
