/**
 * `npm start`: build the app, make sure an Electron-ABI build of better-sqlite3 exists, run Electron.
 *
 * The Electron build of better-sqlite3 goes to .electron-native/better_sqlite3.node and is loaded
 * through better-sqlite3's `nativeBinding` option (env ANTQ_SQLITE_BINDING). node_modules/better-sqlite3/build
 * (the Node build that `npm test` uses) is never touched, so tests and the app keep working side by side.
 * The first run needs the Internet: the Electron binary, and a prebuilt binary or Electron's headers.
 * Both are checked before anything is built; when either cannot be had (offline), one short paragraph
 * says what is missing and that `npm run web` opens the same app in a browser without them. The output
 * of prebuild-install and node-gyp goes to .electron-native/build.log, named in that paragraph.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = join(root, '.electron-native');
const binding = join(nativeDir, 'better_sqlite3.node');
const stampFile = join(nativeDir, 'version.txt');
const buildLog = join(nativeDir, 'build.log');
const isWindows = process.platform === 'win32';

/** A failure whose message is all the user needs (Vietnamese first, then English). */
class StartError extends Error {}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** What cannot be had, and the way that works without it, in one short paragraph (Vietnamese, then English). */
function missingParagraph(missingVi, missingEn, withLog) {
  const log = relative(root, buildLog);
  return new StartError(
    `Chưa mở được ứng dụng Electron: ${missingVi} (lần chạy đầu cần Internet). ` +
      `Lệnh "npm run web" mở cùng ứng dụng trong trình duyệt, không cần những thứ này.${withLog ? ` Chi tiết: ${log}.` : ''}\n` +
      `The Electron app cannot start: ${missingEn} (the first run needs the Internet). ` +
      `"npm run web" opens the same app in a browser without them.${withLog ? ` Details: ${log}.` : ''}`,
  );
}

/**
 * Runs a command; `npx` is a .cmd on Windows and needs a shell there. Its output goes to the terminal, or
 * to `logFile` (appended) when given.
 */
function run(command, args, cwd, env = process.env, logFile = undefined) {
  const shell = isWindows && command === 'npx';
  const out = logFile ? openSync(logFile, 'a') : 'inherit';
  try {
    const result = spawnSync(command, args, { cwd, env, stdio: logFile ? ['ignore', out, out] : 'inherit', shell });
    return result.status === 0;
  } finally {
    if (logFile) closeSync(out);
  }
}

/** True when the addon was built for this ABI (a Node build would load in tests but crash Electron). */
function builtForAbi(file, abi) {
  return existsSync(file) && readFileSync(file).includes(`node_register_module_v${abi}`);
}

function build() {
  console.log('» Đang dựng ứng dụng (electron-vite build)…');
  if (!run('npx', ['electron-vite', 'build'], root)) {
    throw new StartError('Không dựng được ứng dụng: xem lỗi ở trên. / The build failed: see the errors above.');
  }
}

function isInside(path, folder) {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Builds better-sqlite3 for Electron's ABI in a copy of the package, then keeps only the .node file. */
function ensureNativeBuild() {
  const electronPackage = join(root, 'node_modules', 'electron', 'package.json');
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  if (!existsSync(electronPackage) || !existsSync(join(sqliteDir, 'package.json'))) {
    throw new StartError('Thiếu gói electron hoặc better-sqlite3: hãy chạy "npm ci". / Missing packages: run "npm ci".');
  }
  const electronVersion = readJson(electronPackage).version;
  const abi = readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version;
  const stamp = `electron ${electronVersion} ${process.platform}-${process.arch} better-sqlite3 ${sqliteVersion}`;
  if (builtForAbi(binding, abi) && existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp) return;

  console.log(`» Đang dựng better-sqlite3 ${sqliteVersion} cho Electron ${electronVersion} (${process.arch}), chỉ một lần…`);
  const source = join(nativeDir, 'better-sqlite3-src');
  for (const stale of [binding, stampFile, source]) rmSync(stale, { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  const nodeBuild = join(sqliteDir, 'build');
  cpSync(sqliteDir, source, { recursive: true, filter: (path) => !isInside(path, nodeBuild) });

  const target = ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch];
  const localPrebuild = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  const built = join(source, 'build', 'Release', 'better_sqlite3.node');
  writeFileSync(buildLog, `${stamp}\n`, { flag: 'a' });
  const prebuilt = existsSync(localPrebuild)
    ? run(process.execPath, [localPrebuild, ...target], source, process.env, buildLog)
    : run('npx', ['--yes', 'prebuild-install', ...target], source, process.env, buildLog);
  if (!prebuilt || !builtForAbi(built, abi)) {
    console.log('» Không có bản dựng sẵn; biên dịch từ mã nguồn bằng node-gyp… / No prebuilt binary; compiling with node-gyp…');
    // node-gyp lets npm's config (e.g. `nodedir` in an npmrc, passed on as npm_config_nodedir) override
    // its flags and compile against Node's headers; npm_package_config_node_gyp_* wins over npm_config_*.
    const gypEnv = {
      ...process.env,
      npm_package_config_node_gyp_nodedir: '',
      npm_package_config_node_gyp_target: electronVersion,
      npm_package_config_node_gyp_arch: process.arch,
      npm_package_config_node_gyp_dist_url: 'https://electronjs.org/headers',
    };
    const compiled = run(
      'npx',
      ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
      source,
      gypEnv,
      buildLog,
    );
    if (!compiled || !builtForAbi(built, abi)) {
      throw missingParagraph(
        `thiếu bản better-sqlite3 dựng cho Electron ${electronVersion} (cần tải bản dựng sẵn, hoặc tệp tiêu đề của Electron cùng Python và trình biên dịch C++)`,
        `better-sqlite3 built for Electron ${electronVersion} is missing (it needs a prebuilt binary, or Electron's headers with Python and a C++ toolchain)`,
        true,
      );
    }
  }
  copyFileSync(built, binding);
  writeFileSync(stampFile, `${stamp}\n`);
  rmSync(source, { recursive: true, force: true });
  console.log(`» Đã dựng ${relative(root, binding)}.`);
}

/**
 * The Electron binary's path. The electron package downloads its binary the first time it is required:
 * done in a child process whose messages (a download's stack trace when offline) go to the build log.
 */
function electronBinary() {
  mkdirSync(nativeDir, { recursive: true });
  const log = openSync(buildLog, 'w');
  try {
    const probe = "const { default: path } = await import('electron'); process.stdout.write(path);";
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', log] });
    if (result.status === 0 && result.stdout && existsSync(result.stdout)) return result.stdout;
  } finally {
    closeSync(log);
  }
  throw missingParagraph('thiếu tệp chạy của Electron', 'the Electron binary is missing', true);
}

async function main() {
  const electronPath = electronBinary();
  ensureNativeBuild();
  build();

  const env = { ...process.env, ANTQ_SQLITE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const child = spawn(electronPath, ['.', ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
  child.on('error', () => {
    console.error('Không chạy được Electron. / Could not start Electron.');
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
}

main().catch((error) => {
  if (error instanceof StartError) console.error(`\n${error.message}`);
  else console.error('Lỗi không mong muốn khi khởi động. / Unexpected error while starting:', error);
  process.exit(1);
});
