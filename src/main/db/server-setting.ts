/**
 * The data folder's choice of a PostgreSQL server (issue 18 point 1), kept in `may-chu.json` beside the
 * local file: the server's address and, where the host has a key store (the desktop app's safeStorage),
 * the password sealed by it. Without the file, the real data is the folder's own SQLite file.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { serverSettingsInput, type ServerSettings } from '../../shared/data-source';
import { privateFile } from '../platform/private-files';
import { tryOpen, type SecretSealer } from '../platform/secrets';
import { DatabaseRefusedError } from './open';
import type { PostgresSource } from './postgres';

export const SERVER_SETTING_FILE = 'may-chu.json';

const storedSetting = serverSettingsInput.omit({ password: true }).extend({ sealedPassword: z.string().min(1).optional() });
export type StoredServerSetting = ServerSettings & { sealedPassword?: string };

const settingFile = (dataDir: string) => join(dataDir, SERVER_SETTING_FILE);

/** The saved server, or null for the local file. A damaged setting stops the start: guessing could open the wrong data. */
export function readServerSetting(dataDir: string): StoredServerSetting | null {
  const file = settingFile(dataDir);
  if (!existsSync(file)) return null;
  let parsed;
  try {
    parsed = storedSetting.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) {
    throw new DatabaseRefusedError(`Tệp cài đặt máy chủ dữ liệu "${file}" bị hỏng. Hãy xóa tệp này để dùng tệp dữ liệu trên máy, rồi chọn lại máy chủ trong Cài đặt.`);
  }
  return parsed.data;
}

/** Saves the server (written whole, then renamed over the old one), or removes the setting for the local file. */
export function writeServerSetting(dataDir: string, setting: StoredServerSetting | null): void {
  const file = settingFile(dataDir);
  if (!setting) {
    rmSync(file, { force: true });
    return;
  }
  const partial = `${file}.tmp`;
  privateFile(partial);
  writeFileSync(partial, `${JSON.stringify(storedSetting.parse(setting), null, 2)}\n`);
  renameSync(partial, file);
}

/** postgres://user@host:port/database?sslmode=…: the address the driver, the logs and the page use (never with a password). */
export function serverUrl(server: ServerSettings): string {
  const url = new URL('postgres://');
  url.hostname = server.host;
  url.port = String(server.port);
  url.username = server.user;
  url.pathname = `/${server.database}`;
  url.searchParams.set('sslmode', server.tls);
  return url.toString();
}

/** The sealed password opened here, or undefined (none saved, no key store, or sealed by another user or PC). */
export function openSealedPassword(setting: StoredServerSetting, sealer: SecretSealer | null | undefined): string | undefined {
  return (setting.sealedPassword && tryOpen(sealer, setting.sealedPassword, 'server.password_unsealable')) || undefined;
}

/**
 * The server the folder's setting names, if any, with its password: the one given to this run (a host's
 * password file) before the sealed one. Without either, the driver reads PGPASSWORD or ~/.pgpass.
 */
export function savedServerSource(dataDir: string, options: { sealer?: SecretSealer | null; password?: string }): PostgresSource | undefined {
  const setting = readServerSetting(dataDir);
  if (!setting) return undefined;
  return { url: serverUrl(setting), password: options.password ?? openSealedPassword(setting, options.sealer) };
}
