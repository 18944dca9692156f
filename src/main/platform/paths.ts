/** Where the data lives when nobody says otherwise: the same folder for Electron, the web host and the CLI. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export const APP_FOLDER_NAME = 'so-theo-doi-phong-trao';

/** The file in the usual folder that names another data folder the officer chose (services/app.ts, setDataFolder). */
const CHOSEN_FOLDER_FILE = 'thu-muc-du-lieu.txt';

/** The per-user application folder of the platform. */
function usualDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

/** ANTQ_DATA_DIR, else the folder the officer chose, else the usual one. `--data-dir` wins over all (the hosts and the CLI). */
export function defaultDataDir(): string {
  if (process.env.ANTQ_DATA_DIR) return process.env.ANTQ_DATA_DIR;
  const usual = usualDataDir();
  return chosenDataDir(usual) ?? usual;
}

function chosenDataDir(usual: string): string | null {
  try {
    const chosen = readFileSync(join(usual, CHOSEN_FOLDER_FILE), 'utf8').trim();
    return chosen && isAbsolute(chosen) ? chosen : null;
  } catch {
    return null;
  }
}

/** Remembers `folder` as the data folder of the next starts without --data-dir; the usual folder itself forgets the choice. */
export function chooseDataDir(folder: string): void {
  const usual = usualDataDir();
  mkdirSync(usual, { recursive: true });
  if (resolve(folder) === resolve(usual)) rmSync(join(usual, CHOSEN_FOLDER_FILE), { force: true });
  else writeFileSync(join(usual, CHOSEN_FOLDER_FILE), `${resolve(folder)}\n`);
}
