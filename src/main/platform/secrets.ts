/**
 * The automatic-backup password must be at hand when nobody is there to type it, yet never lie in the
 * data folder as text. Electron seals it with the operating system's key store (`safeStorage`: DPAPI on
 * Windows, the Keychain on macOS, libsecret on Linux) and the database keeps only the sealed bytes; a
 * host without one (the web host, the CLI) keeps it in memory for the run, given on its page or read
 * from a password file at start.
 */
import { log } from './log';

export interface SecretSealer {
  /** Encrypts for this operating-system user; the result is text (base64) safe to store. */
  seal(plain: string): string;
  /** Throws when the sealed text cannot be opened here (another user, another PC, a new key). */
  open(sealed: string): string;
}

/** Sealed by the key store, or null when there is none or it refuses (`event` logged, never the secret). */
export function trySeal(sealer: SecretSealer | null | undefined, plain: string, event: string): string | null {
  if (!sealer) return null;
  try {
    return sealer.seal(plain);
  } catch {
    log.warn(event);
    return null;
  }
}

/** Opened by the key store, or null when there is none or it cannot open it here (another user, another PC, a new key). */
export function tryOpen(sealer: SecretSealer | null | undefined, sealed: string, event: string): string | null {
  if (!sealer) return null;
  try {
    return sealer.open(sealed);
  } catch {
    log.warn(event);
    return null;
  }
}

/** How a secret is kept, as the Backup page explains it. */
export type SecretKeeping = 'sealed' | 'this-run';

/** The secrets a host holds in memory for this run, per data file and key: never written anywhere. */
export class HeldSecrets {
  private readonly secrets = new Map<string, string>();

  get(file: string, key: string): string | null {
    return this.secrets.get(`${file}\n${key}`) ?? null;
  }

  set(file: string, key: string, value: string | null): void {
    if (value) this.secrets.set(`${file}\n${key}`, value);
    else this.secrets.delete(`${file}\n${key}`);
  }
}
