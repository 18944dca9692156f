/** The activities register's methods (issue 17). */
import * as activities from '../services/activities';
import type { HandlerGroup } from './table';

export function activityHandlers(): HandlerGroup {
  return {
    'activities.list': activities.listActivities,
    'activities.get': activities.getActivity,
    'activities.create': activities.createActivity,
    'activities.update': activities.updateActivity,
    'activities.trash': activities.trashActivity,
    'activities.restore': activities.restoreActivity,
  };
}
