/** The desktop app's key store for the automatic-backup password (see platform/secrets.ts). */
import { safeStorage } from 'electron';
import type { SecretSealer } from '../platform/secrets';

/**
 * Electron's safeStorage, when it protects for real: on Linux without a keyring it falls back to a key
 * written in Chromium's source ('basic_text'), which is no protection, so the password is then held for
 * the run like in the browser. Call after the app is ready.
 */
export function osSealer(): SecretSealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
