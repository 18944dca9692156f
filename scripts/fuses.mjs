/**
 * electron-builder's afterPack hook (electron-builder.json): sets the Electron fuses of the packed
 * executable before it is signed, so the installed app cannot be turned into something else:
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot make it a plain Node (the CLI is `--cli`, src/main/index.ts);
 * - cookie encryption on;
 * - NODE_OPTIONS and --inspect/--inspect-brk off: no code injected or debugger attached from outside;
 * - ASAR integrity validation and only-load-from-asar on: the app runs only from its checked app.asar.
 */
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { join } from 'node:path';

export const FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/**
 * The packed executable: so-theo-doi.exe on Windows, so-theo-doi on Linux, the .app bundle on macOS. Its
 * name is appInfo.productFilename on every platform (electron-builder's own fuse step names it so; only
 * the Linux packager has an `executableName` of its own).
 */
export function executableOf(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin') return join(appOutDir, `${name}.app`);
  return join(appOutDir, `${name}${electronPlatformName === 'win32' ? '.exe' : ''}`);
}

export default async function afterPack(context) {
  await flipFuses(executableOf(context), { ...FUSES, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' });
}
