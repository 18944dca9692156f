/** The movement's registers (issue 17): propaganda sessions and campaigns, and tips from the public. */
import { updateInput } from '../catalogues';
import { activityInput, activityListQuery, tipInput, tipListQuery, type ActivityList, type ActivityRow, type TipList, type TipRow } from '../activities';
import { method, byId } from './method';

export const activityMethods = {
  'activities.list': method(activityListQuery, 'read'),
  'activities.get': method(byId, 'read'),
  'activities.create': method(activityInput, 'write'),
  'activities.update': method(updateInput(activityInput), 'write'),
  'activities.trash': method(byId, 'write'),
  'activities.restore': method(byId, 'write'),
  'tips.list': method(tipListQuery, 'read'),
  'tips.get': method(byId, 'read'),
  'tips.create': method(tipInput, 'write'),
  'tips.update': method(updateInput(tipInput), 'write'),
  'tips.trash': method(byId, 'write'),
  'tips.restore': method(byId, 'write'),
} as const;

export interface ActivityResults {
  'activities.list': ActivityList;
  'activities.get': ActivityRow;
  'activities.create': ActivityRow;
  'activities.update': ActivityRow;
  'activities.trash': ActivityRow;
  'activities.restore': ActivityRow;
  'tips.list': TipList;
  'tips.get': TipRow;
  'tips.create': TipRow;
  'tips.update': TipRow;
  'tips.trash': TipRow;
  'tips.restore': TipRow;
}
