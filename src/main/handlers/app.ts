/** The app shell's methods: which data file is open, the demo switch, remembered UI state, a record's history */
import { appInfo, dismissWelcome, getUiState, setDataFolder, setUiState } from '../services/app';
import { auditForEntity, auditList } from '../services/audit';
import type { Workspace } from '../workspace';
import type { HandlerGroup } from './table';

export function appHandlers(workspace: Workspace): HandlerGroup {
  return {
    'app.info': (ctx) => appInfo(ctx, workspace),
    'app.dismissWelcome': (ctx) => dismissWelcome(ctx, workspace),
    'app.openDemo': async () => {
      await workspace.switchTo('demo');
      return appInfo(workspace.context(), workspace);
    },
    'app.openReal': async () => {
      await workspace.switchTo('real');
      return appInfo(workspace.context(), workspace);
    },
    'app.setDataFolder': setDataFolder,
    'ui.getState': getUiState,
    'ui.setState': setUiState,
    'audit.forEntity': auditForEntity,
    'audit.list': auditList,
  };
}
