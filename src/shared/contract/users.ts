/** Signing in and out, the first run's administrator, one's own password; the administrator's accounts. */
import { z } from 'zod';
import type { User } from '../app';
import { id } from '../common';
import { changePasswordInput, idleMinutesInput, setupInput, signInInput, userAddInput, userPasswordInput, userUpdateInput, type Account } from '../users';
import { method, none } from './method';

export interface AuthStatus {
  /** No account yet: the first run asks for the unit and the first administrator. */
  setupNeeded: boolean;
  /** Who is signed in here, or null. */
  user: User | null;
  /** After an administrator's reset: nothing else is answered until the password is changed. */
  mustChangePassword: boolean;
  /** Locked after idle minutes or by the OS lock: the same officer's password opens it again. */
  locked: boolean;
  /** Minutes without a key press or a click before the screen locks. */
  idleMinutes: number;
}

export const userMethods = {
  'auth.status': method(none, 'public'),
  'auth.setup': method(setupInput, 'public'),
  'auth.signIn': method(signInInput, 'public'),
  'auth.signOut': method(none, 'public'),
  'auth.changePassword': method(changePasswordInput, 'read'),
  'auth.lock': method(none, 'public'),
  /** The officer is at work in the page (typing a long form calls nothing else): keeps the session from the idle lock. */
  'auth.touch': method(none, 'read'),
  'auth.unlock': method(z.object({ password: signInInput.shape.password }), 'public'),
  'auth.setIdleMinutes': method(idleMinutesInput, 'admin'),
  'users.list': method(none, 'admin'),
  'users.add': method(userAddInput, 'admin'),
  'users.update': method(userUpdateInput, 'admin'),
  'users.setDisabled': method(z.object({ id, disabled: z.boolean() }), 'admin'),
  'users.resetPassword': method(userPasswordInput, 'admin'),
  'users.unlock': method(z.object({ id }), 'admin'),
} as const;

export interface UserResults {
  'auth.status': AuthStatus;
  'auth.setup': AuthStatus;
  'auth.signIn': AuthStatus;
  'auth.signOut': AuthStatus;
  'auth.changePassword': AuthStatus;
  'auth.lock': AuthStatus;
  'auth.touch': { ok: true };
  'auth.unlock': AuthStatus;
  'auth.setIdleMinutes': AuthStatus;
  'users.list': Account[];
  'users.add': Account;
  'users.update': Account;
  'users.setDisabled': Account;
  'users.resetPassword': Account;
  'users.unlock': Account;
}
