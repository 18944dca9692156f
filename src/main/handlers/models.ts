/** The models register's methods: models, their members and yearly evaluations. */
import * as models from '../services/models';
import type { HandlerGroup } from './table';

export function modelHandlers(): HandlerGroup {
  return {
    'models.list': models.listModels,
    'models.counts': models.countModels,
    'models.get': models.getModel,
    'models.create': models.createModel,
    'models.update': models.updateModel,
    'models.changeStatus': models.changeModelStatus,
    'models.trash': models.trashModel,
    'models.restore': models.restoreModel,
    'members.create': models.createMember,
    'members.update': models.updateMember,
    'members.remove': models.removeMember,
    'evaluations.create': models.createEvaluation,
    'evaluations.update': models.updateEvaluation,
    'evaluations.remove': models.removeEvaluation,
  };
}
