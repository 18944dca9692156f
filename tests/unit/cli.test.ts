/** The command line, run as a child process the way `npm run cli` runs it. */
import ExcelJS from 'exceljs';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, handleRequest } from '../../src/main/api';
import { SCHEMA_VERSION } from '../../src/main/db/migrations';
import { Session } from '../../src/main/session';
import { DATA_FILE_NAME, DEMO_FILE_NAME } from '../../src/main/workspace';
import { cli, inTurn, ON_SERVER, openTestApp, sha256, tempDir } from './helpers';

const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown> & { counts: Record<string, number> };

// Each run starts Node and the CLI's bundle (under a second): independent runs go in parallel, and tests get more time.
describe('cli', { timeout: 120_000 }, () => {
  // The data folder's own file (its path, its creation, a file not ours): engines.test.ts has the server's.
  it.skipIf(ON_SERVER)('info --json on a fresh data dir prints the schema version and zero counts', async () => {
    const dir = tempDir();
    const result = await cli('info', '--json', '--data-dir', dir);
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toEqual({
      ok: true,
      mode: 'real',
      dataFile: join(dir, DATA_FILE_NAME),
      schemaVersion: SCHEMA_VERSION,
      counts: { models: 0, members: 0, evaluations: 0, trashedModels: 0, subjects: 0, following: 0, reviews: 0 },
    });
  });

  // The data folder's own file (its path, its creation, a file not ours): engines.test.ts has the server's.
  it.skipIf(ON_SERVER)('info prints Vietnamese lines for people', async () => {
    const dir = tempDir();
    const result = await cli('info', '--data-dir', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Tệp dữ liệu: ${join(dir, DATA_FILE_NAME)}`);
    expect(result.stdout).toContain(`Phiên bản dữ liệu: ${SCHEMA_VERSION}`);
    expect(result.stdout).toContain('Mô hình tự quản: 0');
    expect(result.stdout).toContain('Đối tượng giáo dục, giúp đỡ: 0');
  });

  it('demo makes the demo file only, and info --demo reads it', async () => {
    const dir = tempDir();
    const made = await cli('demo', '--scale', '0.5', '--data-dir', dir);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('50 mô hình');
    expect(made.stdout).toContain('50 đối tượng');
    expect(existsSync(join(dir, DEMO_FILE_NAME))).toBe(true);
    expect(existsSync(join(dir, DATA_FILE_NAME))).toBe(false);

    const demo = await cli('info', '--demo', '--json', '--data-dir', dir);
    expect(demo.code).toBe(0);
    expect(json(demo.stdout)).toMatchObject({ mode: 'demo', dataFile: join(dir, DEMO_FILE_NAME), counts: { models: 50, trashedModels: 0 } });
    expect(json(demo.stdout).counts.members).toBeGreaterThan(0);
    expect(json(demo.stdout).counts.subjects).toBe(50);
    expect(json(demo.stdout).counts.reviews).toBeGreaterThan(50 * 5);

    const again = await cli('demo', '--scale', '0.2', '--people', '30', '--seed', '5', '--json', '--data-dir', dir); // regenerated, not added to
    expect(again.code).toBe(0);
    expect(json(again.stdout)).toMatchObject({ models: 20, subjects: 30, seed: 5 });
    const counts = json((await cli('info', '--demo', '--json', '--data-dir', dir)).stdout).counts;
    expect(counts).toMatchObject({ models: 20, subjects: 30, reviews: json(again.stdout).reviews });
    const lines = await cli('info', '--demo', '--data-dir', dir);
    expect(lines.stdout).toContain('Đối tượng giáo dục, giúp đỡ: 30');
    expect(lines.stdout).toMatch(/Lần đánh giá đối tượng: [\d.]+/);
  });

  it('exits 2 with a Vietnamese message and the usage on bad usage', async () => {
    const unknown = await cli('xoa-het');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Lệnh không hợp lệ: "xoa-het"');
    expect(unknown.stderr).toContain('Cách dùng:');

    const dir = tempDir();
    const scales = ['abc', '0', '-1', '1001', ''];
    const results = await inTurn(scales.map((scale) => () => cli('demo', '--scale', scale, '--data-dir', dir)));
    results.forEach((result, index) => {
      expect(result.code, `--scale ${scales[index]}`).toBe(2);
      expect(result.stderr).toContain('--scale');
    });
    const people = ['abc', '-1', '1.5', '1000001', ''];
    const peopleResults = await inTurn(people.map((value) => () => cli('demo', '--scale', '1', '--people', value, '--data-dir', dir)));
    peopleResults.forEach((result, index) => {
      expect(result.code, `--people ${people[index]}`).toBe(2);
      expect(result.stderr).toContain('--people');
    });
    const others = await inTurn([
      () => cli('demo', '--data-dir', dir),
      () => cli('info', '--bogus', '--data-dir', dir),
      () => cli('info', '--scale', '1', '--data-dir', dir),
      () => cli('info', '--people', '10', '--data-dir', dir),
    ]);
    expect(others.map((result) => result.code)).toEqual([2, 2, 2, 2]);
    expect(existsSync(join(dir, DEMO_FILE_NAME))).toBe(false);
  });

  it('help lists the commands and exits 0', async () => {
    const result = await cli('help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/info/);
    expect(result.stdout).toMatch(/demo --scale N \[--people N\]/);
    expect(result.stdout).toMatch(/undo-import MÃ_LẦN_NHẬP +Hoàn tác một lần nhập/);
    expect(result.stdout).toMatch(/--data-dir/);
  });

  // The data folder's own file (its path, its creation, a file not ours): engines.test.ts has the server's.
  it.skipIf(ON_SERVER)('exits 3 on a data file that is not ours and leaves it unchanged', async () => {
    const dir = tempDir();
    const file = join(dir, DATA_FILE_NAME);
    writeFileSync(file, 'Danh sách tổ viên\nNguyễn Văn Bình\n');
    const hash = sha256(file);
    const result = await cli('info', '--data-dir', dir);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Tệp được giữ nguyên');
    expect(sha256(file)).toBe(hash);
  });

  it('exits 3 rather than replace a demo file that is not demo data', async () => {
    const dir = tempDir();
    const file = join(dir, DEMO_FILE_NAME);
    writeFileSync(file, 'không phải dữ liệu mẫu');
    const hash = sha256(file);
    expect((await cli('demo', '--scale', '0.1', '--data-dir', dir)).code).toBe(3);
    expect(sha256(file)).toBe(hash);
  });

  it('import exits 13 on a sheet with a header and no data rows, and 14 on a file it refuses as unreadable; nothing is written', async () => {
    const app = await openTestApp();
    const dir = app.dir;
    await app.workspace.close();
    const headerOnly = new ExcelJS.Workbook();
    const sheet = headerOnly.addWorksheet('Danh sách');
    sheet.addRow(['DANH SÁCH ĐỐI TƯỢNG ĐƯỢC GIÁO DỤC, GIÚP ĐỠ']);
    sheet.addRow(['STT', 'Họ và tên', 'Năm sinh', 'Phường']);
    sheet.addRow([]);
    sheet.addRow(['Tổng cộng: 0 người']);
    await headerOnly.xlsx.writeFile(join(dir, 'tieu-de.xlsx'));
    const blank = new ExcelJS.Workbook();
    blank.addWorksheet('Sheet1');
    await blank.xlsx.writeFile(join(dir, 'trong.xlsx'));
    writeFileSync(join(dir, 'hong.xlsx'), 'không phải tệp Excel');
    writeFileSync(join(dir, 'ds.docx'), 'Danh sách');
    const encrypted = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(500)]);
    writeFileSync(join(dir, 'mat-khau.xlsx'), encrypted);
    const run = (file: string, ...extra: string[]) => cli('import', 'subjects', join(dir, file), ...extra, '--data-dir', dir);
    const [noRows, noRowsJson, dryNoRows, empty, damaged, unknown, password] = await inTurn([
      () => run('tieu-de.xlsx'),
      () => run('tieu-de.xlsx', '--json'),
      () => run('tieu-de.xlsx', '--dry-run'),
      () => run('trong.xlsx'),
      () => run('hong.xlsx'),
      () => run('ds.docx'),
      () => run('mat-khau.xlsx'),
    ]);
    expect([noRows.code, noRowsJson.code, dryNoRows.code, empty.code], noRows.stderr).toEqual([13, 13, 13, 13]);
    expect(noRows.stderr).toContain('Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 2) của trang tính "Danh sách"');
    expect(JSON.parse(noRowsJson.stdout)).toMatchObject({ ok: false, error: { exitCode: 13, message: expect.stringContaining('Không có dòng dữ liệu nào') } });
    expect(empty.stderr).toContain('mọi trang tính đều trống');
    expect([damaged.code, unknown.code, password.code], damaged.stderr).toEqual([14, 14, 14]);
    expect(damaged.stderr).toContain('bị hỏng');
    expect(unknown.stderr).toContain('chỉ nhập được tệp Excel');
    expect(password.stderr).toContain('được đặt mật khẩu');
    const info = await cli('info', '--json', '--data-dir', dir);
    expect(json(info.stdout).counts.subjects).toBe(0);
  });
});

describe('cli users', { timeout: 120_000 }, () => {
  it('adds, lists, disables, enables, unlocks and resets accounts as "dòng lệnh (<OS user>)", and the app signs them in', async () => {
    const dir = tempDir();
    const passwordFile = join(tempDir(), 'mat-khau.txt');
    writeFileSync(passwordFile, 'mật khẩu tạm thời 1\n');
    const add = (username: string, ...extra: string[]) => cli('users', 'add', '--username', username, '--name', `Cán bộ ${username}`, '--role', 'nhap_lieu', '--password-file', passwordFile, ...extra, '--data-dir', dir);
    const added = await add('canbo.moi');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('phải đổi mật khẩu');
    expect((await add('canbo.tuchon', '--keep-password')).code).toBe(0);
    expect((await add('canbo.moi')).stderr).toContain('đã có người dùng');
    expect((await cli('users', 'add', '--username', 'x', '--role', 'sep', '--password-file', passwordFile, '--data-dir', dir)).stderr).toContain('quan_tri, nhap_lieu hoặc chi_xem');

    const listed = JSON.parse((await cli('users', 'list', '--json', '--data-dir', dir)).stdout) as { accounts: { username: string; role: string; mustChangePassword: boolean; disabledAt: string | null }[] };
    expect(listed.accounts.map(({ username, role, mustChangePassword }) => ({ username, role, mustChangePassword }))).toEqual([
      { username: 'canbo.moi', role: 'nhap_lieu', mustChangePassword: true },
      { username: 'canbo.tuchon', role: 'nhap_lieu', mustChangePassword: false },
    ]);
    expect((await cli('users', 'disable', 'canbo.tuchon', '--data-dir', dir)).stdout).toContain('đã vô hiệu hóa');
    expect((await cli('users', 'enable', 'canbo.tuchon', '--data-dir', dir)).stdout).toContain('đang dùng');
    writeFileSync(passwordFile, 'mật khẩu đặt lại 2\n');
    expect((await cli('users', 'reset-password', 'canbo.tuchon', '--password-file', passwordFile, '--data-dir', dir)).stdout).toContain('phải đổi mật khẩu');
    expect((await cli('users', 'unlock', 'khong.co', '--data-dir', dir)).stderr).toContain('Không có tài khoản "khong.co"');

    const app = await openTestApp({ dataDir: dir });
    const audit = await app.query<{ action: string; who: string }>(`select a.action, u.display_name as who from audit_log a join users u on u.id = a.user_id where a.entity = 'user' order by a.at`);
    expect(audit.map((entry) => entry.action)).toEqual(['create', 'create', 'disable', 'enable', 'password']);
    for (const entry of audit) expect(entry.who).toMatch(/^dòng lệnh \(.+\)$/);
    const session = new Session(null);
    const signIn = (password: string) => handleRequest(app.workspace, createHandlers(app.workspace), session, 'auth.signIn', { username: 'canbo.tuchon', password });
    expect(await signIn('mật khẩu tạm thời 1')).toMatchObject({ ok: false });
    expect(await signIn('mật khẩu đặt lại 2')).toMatchObject({ ok: true, result: { mustChangePassword: true } });
  });
});
