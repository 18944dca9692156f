/** The movement's registers (issue 17): activities and tips from the public. */
import * as activities from '../services/activities';
import * as tips from '../services/tips';
import type { HandlerGroup } from './table';

export function activityHandlers(): HandlerGroup {
  return {
    'activities.list': activities.listActivities,
    'activities.get': activities.getActivity,
    'activities.create': activities.createActivity,
    'activities.update': activities.updateActivity,
    'activities.trash': activities.trashActivity,
    'activities.restore': activities.restoreActivity,
    'tips.list': tips.listTips,
    'tips.get': tips.getTip,
    'tips.create': tips.createTip,
    'tips.update': tips.updateTip,
    'tips.trash': tips.trashTip,
    'tips.restore': tips.restoreTip,
  };
}
