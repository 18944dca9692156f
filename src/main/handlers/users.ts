/**
 * Signing in and out, the first run, one's own password, and the administrator's accounts. Accounts live
 * in the real database (workspace.accounts), also while the demo data is open. Signing in and out changes
 * the host's session (Electron's main process, the web host's cookie session, the CLI's run).
 */
import type { AuthStatus } from '../../shared/contract/users';
import { ApiError } from '../../shared/errors';
import { encryptAutomaticBackups } from '../services/backup';
import * as accounts from '../services/users/accounts';
import { setIssuer } from '../services/print/settings';
import type { Context } from '../services/context';
import type { Session } from '../session';
import type { Workspace } from '../workspace';
import type { HandlerContext, HandlerGroup } from './table';

export function userHandlers(workspace: Workspace): HandlerGroup {
  const withAccounts = (ctx: HandlerContext): Context => ({ db: workspace.accounts(), user: ctx.user });
  const status = async (session: Session): Promise<AuthStatus> => ({
    setupNeeded: !(await accounts.hasAccounts({ db: workspace.accounts() })),
    user: session.user,
    mustChangePassword: session.user !== null && session.mustChangePassword,
    locked: session.user !== null && session.locked,
    idleMinutes: await accounts.idleMinutes({ db: workspace.accounts() }),
  });
  return {
    'auth.status': (ctx) => status(ctx.session),
    'auth.setup': async (ctx, input) => {
      const signedIn = await accounts.createFirstAdministrator(withAccounts(ctx), input);
      await setIssuer({ ...withAccounts(ctx), user: signedIn.user }, { unitName: input.unitName, parentUnit: input.parentUnit ?? undefined, place: input.place ?? undefined });
      if (input.backupPassword) await encryptAutomaticBackups(workspace, { ...withAccounts(ctx), user: signedIn.user }, input.backupPassword);
      ctx.session.signIn(signedIn.user, false, signedIn.passwordStamp);
      return status(ctx.session);
    },
    'auth.signIn': async (ctx, input) => {
      const signedIn = await accounts.checkSignIn(withAccounts(ctx), input);
      ctx.session.signIn(signedIn.user, signedIn.mustChangePassword, signedIn.passwordStamp);
      return status(ctx.session);
    },
    'auth.signOut': async (ctx) => {
      ctx.session.signOut();
      return status(ctx.session);
    },
    'auth.changePassword': async (ctx, input) => {
      const stamp = await accounts.changeOwnPassword(withAccounts(ctx), input);
      if (ctx.session.user) ctx.session.signIn(ctx.session.user, false, stamp);
      return status(ctx.session);
    },
    'auth.lock': async (ctx) => {
      ctx.session.lock();
      return status(ctx.session);
    },
    // The handler table already counted the call as activity.
    'auth.touch': async () => ({ ok: true }),
    'auth.unlock': async (ctx, input) => {
      const { user } = ctx.session;
      if (!user) throw new ApiError('unauthorized', 'Hãy đăng nhập để tiếp tục.');
      // The same checks as signing in (wrong passwords count toward the lock), for the officer who locked.
      const checked = await accounts.checkSignIn(withAccounts(ctx), { username: user.username, password: input.password });
      ctx.session.signIn(checked.user, checked.mustChangePassword, checked.passwordStamp);
      return status(ctx.session);
    },
    'auth.setIdleMinutes': async (ctx, input) => {
      await accounts.setIdleMinutes(withAccounts(ctx), input.minutes);
      return status(ctx.session);
    },
    'users.list': (ctx) => accounts.listAccounts(withAccounts(ctx)),
    'users.add': (ctx, input) => accounts.addAccount(withAccounts(ctx), input),
    'users.update': (ctx, input) => accounts.updateAccount(withAccounts(ctx), input),
    'users.setDisabled': (ctx, input) => accounts.setAccountDisabled(withAccounts(ctx), input.id, input.disabled),
    'users.resetPassword': (ctx, input) => accounts.resetPassword(withAccounts(ctx), input),
    'users.unlock': (ctx, input) => accounts.unlockAccount(withAccounts(ctx), input.id),
  };
}
