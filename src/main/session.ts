/**
 * Who is signed in on one connection to the handler table: Electron's window (one session in the main
 * process), a browser of the web host (a session per cookie, host/sessions.ts), or a CLI run (its
 * operating-system user, signed in from the start). Only the auth methods change it.
 */
import type { User } from '../shared/app';

export class Session {
  user: User | null = null;
  /** After an administrator's reset: only the password change is answered. */
  mustChangePassword = false;
  /** The idle lock (or the OS lock): nothing is answered until the same officer's password is given again. */
  locked = false;
  /** The signed-in account's password when signing in (a fingerprint): a password changed since ends the session. */
  passwordStamp = '';
  /** When the session last answered a call: past the idle minutes, the next call finds it locked. */
  lastActive = Date.now();

  /**
   * `renew`: for a session that is no officer's sign-in (the CLI's), how to find its account again in a
   * database that does not know it (after a restore put another file in place).
   */
  constructor(
    user: User | null = null,
    readonly renew?: () => Promise<User>,
  ) {
    this.user = user;
  }

  signIn(user: User, mustChangePassword: boolean, passwordStamp = ''): void {
    this.user = user;
    this.mustChangePassword = mustChangePassword;
    this.passwordStamp = passwordStamp;
    this.locked = false;
    this.lastActive = Date.now();
  }

  signOut(): void {
    this.user = null;
    this.mustChangePassword = false;
    this.locked = false;
  }

  lock(): void {
    if (this.user) this.locked = true;
  }
}
