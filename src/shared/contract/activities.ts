/** The activities register's methods (issue 17): propaganda sessions and campaigns. */
import { updateInput } from '../catalogues';
import { activityInput, activityListQuery, type ActivityList, type ActivityRow } from '../activities';
import { method, byId } from './method';

export const activityMethods = {
  'activities.list': method(activityListQuery, 'read'),
  'activities.get': method(byId, 'read'),
  'activities.create': method(activityInput, 'write'),
  'activities.update': method(updateInput(activityInput), 'write'),
  'activities.trash': method(byId, 'write'),
  'activities.restore': method(byId, 'write'),
} as const;

export interface ActivityResults {
  'activities.list': ActivityList;
  'activities.get': ActivityRow;
  'activities.create': ActivityRow;
  'activities.update': ActivityRow;
  'activities.trash': ActivityRow;
  'activities.restore': ActivityRow;
}
