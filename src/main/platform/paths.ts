/** Where the data lives when nobody says otherwise: the same folder for Electron, the web host and the CLI. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'so-theo-doi-phong-trao';

export function defaultDataDir(): string {
  if (process.env.ANTQ_DATA_DIR) return process.env.ANTQ_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}
