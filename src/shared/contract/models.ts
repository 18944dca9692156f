/** The models register's methods: models, their members and yearly evaluations. */
import { updateInput } from '../catalogues';
import { type Page } from '../common';
import { evaluationInput, memberInput, modelFilter, modelInput, modelListQuery, statusChangeInput, type Evaluation, type Member, type ModelCounts, type ModelDetail, type ModelRow } from '../models';
import { method, byId } from './method';

export const modelMethods = {
  'models.list': method(modelListQuery, 'read'),
  'models.counts': method(modelFilter, 'read'),
  'models.get': method(byId, 'read'),
  'models.create': method(modelInput, 'write'),
  'models.update': method(updateInput(modelInput), 'write'),
  'models.changeStatus': method(statusChangeInput, 'write'),
  'models.trash': method(byId, 'write'),
  'models.restore': method(byId, 'write'),
  'members.create': method(memberInput, 'write'),
  'members.update': method(updateInput(memberInput), 'write'),
  'members.remove': method(byId, 'write'),
  'evaluations.create': method(evaluationInput, 'write'),
  'evaluations.update': method(updateInput(evaluationInput), 'write'),
  'evaluations.remove': method(byId, 'write'),
} as const;

export interface ModelResults {
  'models.list': Page<ModelRow>;
  'models.counts': ModelCounts;
  'models.get': ModelDetail;
  'models.create': ModelRow;
  'models.update': ModelRow;
  'models.changeStatus': ModelRow;
  'models.trash': ModelRow;
  'models.restore': ModelRow;
  'members.create': Member;
  'members.update': Member;
  'members.remove': { ok: true };
  'evaluations.create': Evaluation;
  'evaluations.update': Evaluation;
  'evaluations.remove': { ok: true };
}
