/** Shared by the unit tests: temp folders, a Workspace on real SQLite files, and calls through the handler table. */
import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { inject, onTestFinished } from 'vitest';
import { createHandlers, handleRequest, type Handlers } from '../../src/main/api';
import { numberedParameters } from '../../src/main/db/plain-sql';
import { SERVER_SETTING_FILE } from '../../src/main/db/server-setting';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import type { SecretSealer } from '../../src/main/platform/secrets';
import { Session } from '../../src/main/session';
import { Workspace, type WorkspaceOptions } from '../../src/main/workspace';
import { createDatabase, dropDatabase, TEMPLATE_DATABASE } from '../postgres/databases';
import type { ApiInput, ApiResponse, ApiResult, Method } from '../../src/shared/api';
import type { User } from '../../src/shared/app';
import type { Catalogues } from '../../src/shared/catalogues';
import { ApiError } from '../../src/shared/errors';
import type { ModelInput } from '../../src/shared/models';
import type { SubjectInput } from '../../src/shared/subjects';

/** The run is `npm run test:pg`: each test app's data is a database of its own on a throwaway PostgreSQL server. */
export const ON_SERVER = Boolean(inject('postgres'));

export const VIEWER: User = { id: '00000000-0000-4000-8000-0000000000a1', username: 'canbo', displayName: 'Cán bộ xem', role: 'viewer' };
export const EDITOR: User = { id: '00000000-0000-4000-8000-0000000000a2', username: 'nhaplieu', displayName: 'Cán bộ nhập liệu', role: 'editor' };

/** A fresh folder under the OS temp dir, removed when the current test finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'antq-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

export interface TestApp {
  dir: string;
  workspace: Workspace;
  handlers: Handlers;
  /** Calls a method through `handleRequest` (validation, access), resolving with its result or rejecting with its ApiError. */
  call<M extends Method>(method: M, input: ApiInput<M>, user?: User): Promise<ApiResult<M>>;
  /** The raw response, for calls the types would not allow. */
  request(method: string, input: unknown, user?: User): Promise<ApiResponse>;
  /**
   * An edit made on the record's version now, as a form opened just before would make it (the refusal of
   * an edit on an older version is tests/unit/versions.test.ts's).
   */
  edit<M extends EditMethod>(method: M, input: Omit<ApiInput<M>, 'version'>, user?: User): Promise<ApiResult<M>>;
  /** Rows in a table, counted with plain SQL (trashed rows included). */
  rows(table: string): Promise<number>;
  /** Plain SQL with `?` parameters, on whichever engine the app runs (column names as the tables spell them). */
  query<Row = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<Row[]>;
}

/** The table of each versioned record's edit method. */
const EDITED_TABLES = {
  'subjects.update': 'subjects',
  'reviews.update': 'subject_reviews',
  'models.update': 'models',
  'members.update': 'model_members',
  'evaluations.update': 'model_evaluations',
  'rounds.update': 'award_rounds',
  'nominations.update': 'nominations',
  'activities.update': 'activities',
  'tips.update': 'tips',
  'standards.update': 'security_standards',
  'scores.update': 'movement_scores',
  'wards.update': 'wards',
  'neighbourhoods.update': 'neighbourhoods',
  'modelTypes.update': 'model_types',
  'subjectCategories.update': 'subject_categories',
  'helperOrgs.update': 'helper_orgs',
  'awardForms.update': 'award_forms',
  'programmes.update': 'programmes',
} as const;
type EditMethod = keyof typeof EDITED_TABLES;

/** The test accounts (VIEWER, EDITOR) as rows of the real database, so the handler table finds them signed in. */
async function addTestAccounts(workspace: Workspace): Promise<void> {
  const now = new Date().toISOString();
  const stamps = { createdAt: now, updatedAt: now, createdBy: SYSTEM_USER.id, updatedBy: SYSTEM_USER.id, deletedAt: null, passwordHash: null, lockedUntil: null, disabledAt: null };
  await workspace
    .accounts()
    .insertInto('users')
    .values([VIEWER, EDITOR].map((user) => ({ ...user, ...stamps })))
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

/**
 * Opens a Workspace in a fresh temp folder (or `dir`); it is closed and the folder removed after the test.
 * Calls run as a session signed in as the given user (the built-in administrator by default); with
 * `firstRun`, the database has no accounts yet (VIEWER and EDITOR are not added). Under `npm run test:pg`
 * the data is on the throwaway server, unless `onFile`.
 */
export async function openTestApp(options: Partial<WorkspaceOptions> & { firstRun?: boolean; onFile?: boolean } = {}): Promise<TestApp> {
  const dir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'antq-test-'));
  const known = options.onFile ? undefined : (options.server ?? serverOfFolder.get(dir));
  const created = options.onFile || known ? undefined : await testServerDatabase();
  const server = known ?? created?.server;
  if (server) serverOfFolder.set(dir, server);
  const workspace = await Workspace.open({ ...options, dataDir: dir, server });
  onTestFinished(async () => {
    await workspace.close();
    if (!options.dataDir) rmSync(dir, { recursive: true, force: true });
    await created?.drop(); // after the close: dropping ends the connections still open to it
  });
  if (!options.firstRun) await addTestAccounts(workspace);
  const handlers = createHandlers(workspace);
  const request = (method: string, input: unknown, user: User = SYSTEM_USER) => handleRequest(workspace, handlers, new Session(user), method, input);
  const call: TestApp['call'] = async (method, input, user) => {
    const response = await request(method, input, user);
    if (!response.ok) throw ApiError.fromBody(response.error);
    return response.result as never;
  };
  return {
    dir,
    workspace,
    handlers,
    request,
    call,
    async edit(method, input, user) {
      const { rows } = await sql<{ version: number }>`select version from ${sql.table(EDITED_TABLES[method])} where id = ${(input as { id: string }).id}`.execute(workspace.context().db);
      return call(method, { ...input, version: rows[0]?.version ?? 1 } as never, user);
    },
    async query<Row>(text: string, ...params: unknown[]) {
      const compiled = workspace.engine === 'postgres' ? numberedParameters(text) : text;
      return (await workspace.context().db.withoutPlugins().executeQuery<Row>(CompiledQuery.raw(compiled, params))).rows;
    },
    rows: async (table) => (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(workspace.context().db)).rows[0]?.n ?? 0,
  };
}

/** Under `npm run test:pg`, the server database of each data folder: a second app on the folder opens the same data. */
const serverOfFolder = new Map<string, NonNullable<WorkspaceOptions['server']>>();

/**
 * Under `npm run test:pg` (tests/postgres), a database of its own on the throwaway server for this test,
 * copied from the migrated template and dropped afterwards; otherwise none, and the test runs on a file.
 */
async function testServerDatabase(): Promise<{ server: NonNullable<WorkspaceOptions['server']>; drop(): Promise<void> } | undefined> {
  const postgres = inject('postgres');
  if (!postgres) return undefined;
  const name = `t_${crypto.randomUUID().replaceAll('-', '')}`;
  await createDatabase(postgres, name, TEMPLATE_DATABASE);
  return { server: { url: postgres.url + name, password: postgres.password }, drop: () => dropDatabase(postgres, name) };
}

/** A key store like DPAPI: AES-GCM under a key only this "user" has. */
export function testKeyStore(): SecretSealer {
  const key = randomBytes(32);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const bytes = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The ApiError a call fails with (the test fails if it succeeds). */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('Expected the call to fail with an ApiError, but it succeeded.');
}

/** Catalogue ids by name, and valid model and person inputs to start from. */
export async function fixtures(app: TestApp) {
  const catalogues: Catalogues = await app.call('catalogues.get', {});
  const byName = <Row extends { id: string; name: string }>(rows: Row[], name: string) => {
    const row = rows.find((candidate) => candidate.name === name);
    if (!row) throw new Error(`No catalogue entry named ${name}`);
    return row.id;
  };
  const typeId = (name: string) => byName(catalogues.modelTypes, name);
  const wardId = (name: string) => byName(catalogues.wards, name);
  const categoryId = (name: string) => byName(catalogues.subjectCategories, name);
  const helperOrgId = (name: string) => byName(catalogues.helperOrgs, name);
  const model = (overrides: Partial<ModelInput> = {}): ModelInput => ({
    name: 'Nhà trọ tự quản số 12 Bà Hom',
    typeId: typeId('Nhà trọ tự quản'),
    wardId: wardId('Phường Bình Tiên'),
    address: '12 Bà Hom, Phường Bình Tiên',
    foundedOn: '25/10/2018',
    leaderName: 'Nguyễn Văn Bình',
    leaderPhone: '0903 123 456',
    ...overrides,
  });
  const subject = (overrides: Partial<SubjectInput> = {}): SubjectInput => ({
    fullName: 'Nguyễn Văn Bình',
    gender: 'nam',
    birth: '12/03/1985',
    idNumber: '079085001234',
    phone: '0903 123 456',
    currentAddress: '12 Bà Hom, Khu phố 3, Phường Bình Tiên',
    wardId: wardId('Phường Bình Tiên'),
    categoryId: categoryId('Người chấp hành xong án phạt tù về địa phương'),
    reintegrationGroup: 'B',
    history: 'Năm 2019 bị xử phạt 3 năm tù về tội "Trộm cắp tài sản".',
    startDate: '01/02/2024',
    helperName: 'Trần Văn Hùng',
    helperOrgId: helperOrgId('Công an khu vực'),
    ...overrides,
  });
  return { catalogues, typeId, wardId, categoryId, helperOrgId, model, subject };
}

const projectRoot = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run cli -- ...args` without npm: node with the run's bundle of the CLI (tests/bundle.ts), in the project folder, with no ANTQ_DATA_DIR. */
export async function cli(...given: string[]): Promise<CliRun> {
  const args = [...given, ...(await serverArgs(given))];
  const env = { ...process.env };
  delete env.ANTQ_DATA_DIR;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [inject('cliBundle'), ...args], { cwd: projectRoot, env, encoding: 'utf8', timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** Under `npm run test:pg`, the server of a test app's data folder given with --data-dir, for the command line too. */
async function serverArgs(args: string[]): Promise<string[]> {
  const folder = args.includes('--data-dir') ? args[args.indexOf('--data-dir') + 1] : undefined;
  // A folder whose own setting names a server (or is damaged) speaks for itself.
  if (!folder || args.includes('--database') || args.includes('--demo') || !ON_SERVER || existsSync(join(folder, SERVER_SETTING_FILE))) return [];
  let server = serverOfFolder.get(folder);
  if (!server) {
    const created = await testServerDatabase();
    if (!created) return [];
    // Dropped when the test ends; an app a test opens on the folder afterwards closes first (openTestApp).
    onTestFinished(() => created.drop());
    server = created.server;
    serverOfFolder.set(folder, server);
  }
  const passwordFile = join(mkdtempSync(join(tmpdir(), 'antq-pg-password-')), 'password');
  writeFileSync(passwordFile, server.password ?? '', { mode: 0o600 });
  onTestFinished(() => rmSync(dirname(passwordFile), { recursive: true, force: true }));
  return ['--database', server.url, '--database-password-file', passwordFile];
}

/**
 * Runs CLI calls one after another, results in order. Started together they compete for the cores
 * (each is a Node process compiling TypeScript) and time out on a loaded machine.
 */
export async function inTurn<const Runs extends readonly (() => Promise<unknown>)[]>(runs: Runs): Promise<{ -readonly [K in keyof Runs]: Awaited<ReturnType<Runs[K]>> }> {
  const results: unknown[] = [];
  for (const run of runs) results.push(await run());
  return results as { -readonly [K in keyof Runs]: Awaited<ReturnType<Runs[K]>> };
}

/**
 * Converts files with LibreOffice (`soffice --headless --convert-to`), with a profile of its own so
 * parallel runs do not clash; `infilter` says how to read a CSV. Resolves with the converted files' paths.
 */
export function libreOffice(files: string[], convertTo: string, outDir: string, infilter?: string): Promise<string[]> {
  const profile = mkdtempSync(join(tmpdir(), 'antq-lo-profile-'));
  const args = [`-env:UserInstallation=file://${profile}`, '--headless', ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', convertTo, '--outdir', outDir, ...files];
  const extension = convertTo.split(':')[0] as string;
  return new Promise((resolve, reject) => {
    execFile('soffice', args, { timeout: 90_000 }, (error, _stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      if (error) reject(new Error(`LibreOffice (soffice) could not convert ${files.join(', ')}: ${error.message}\n${stderr}\nInstall it with: apt-get install libreoffice-calc-nogui`));
      else resolve(files.map((file) => join(outDir, file.replace(/^.*\//, '').replace(/\.[^.]+$/, `.${extension}`))));
    });
  });
}
