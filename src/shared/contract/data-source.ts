/** Where the real data lives: the local file or a PostgreSQL server (administrators; applied at the next start). */
import { dataSourceInput, serverSettingsInput, type DataSourceStatus, type ServerCheck } from '../data-source';
import { method, none } from './method';

export const dataSourceMethods = {
  'dataSource.status': method(none, 'admin'),
  /** "Kiểm tra kết nối": signs in to the server and reads what it holds, changing nothing. */
  'dataSource.check': method(serverSettingsInput, 'admin'),
  'dataSource.save': method(dataSourceInput, 'admin'),
} as const;

export interface DataSourceResults {
  'dataSource.status': DataSourceStatus;
  'dataSource.check': ServerCheck;
  'dataSource.save': DataSourceStatus;
}
