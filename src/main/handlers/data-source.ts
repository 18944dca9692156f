/** Where the real data lives: the local file or a PostgreSQL server. */
import { checkServer, dataSourceStatus, saveDataSource } from '../services/data-source';
import type { Workspace } from '../workspace';
import type { HandlerGroup } from './table';

export function dataSourceHandlers(workspace: Workspace): HandlerGroup {
  return {
    'dataSource.status': async () => dataSourceStatus(workspace),
    'dataSource.check': (_ctx, input) => checkServer(workspace, input),
    'dataSource.save': (ctx, input) => saveDataSource(workspace, ctx, input),
  };
}
