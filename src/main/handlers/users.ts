/**
 * Signing in and out, the first run, one's own password, and the administrator's accounts. Accounts live
 * in the real database (workspace.accounts), also while the demo data is open. Signing in and out changes
 * the host's session (Electron's main process, the web host's cookie session, the CLI's run).
 */
import type { AuthStatus } from '../../shared/contract/users';
import * as accounts from '../services/users/accounts';
import { setUnitName } from '../services/print/settings';
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
  });
  return {
    'auth.status': (ctx) => status(ctx.session),
    'auth.setup': async (ctx, input) => {
      const user = await accounts.createFirstAdministrator(withAccounts(ctx), input);
      await setUnitName({ ...withAccounts(ctx), user }, input.unitName);
      ctx.session.signIn(user, false);
      return status(ctx.session);
    },
    'auth.signIn': async (ctx, input) => {
      const { user, mustChangePassword } = await accounts.checkSignIn(withAccounts(ctx), input);
      ctx.session.signIn(user, mustChangePassword);
      return status(ctx.session);
    },
    'auth.signOut': async (ctx) => {
      ctx.session.signOut();
      return status(ctx.session);
    },
    'auth.changePassword': async (ctx, input) => {
      await accounts.changeOwnPassword(withAccounts(ctx), input);
      if (ctx.session.user) ctx.session.signIn(ctx.session.user, false);
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
