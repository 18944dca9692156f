/** The standard "An toàn về an ninh, trật tự" and the movement's yearly scoring (issue 17 point 3). */
import { updateInput } from '../catalogues';
import { scoreFilter, scoreInput, standardFilter, standardInput, type DossierDeadline, type ScoreRow, type StandardRow } from '../standards';
import { byId, method, none } from './method';

export const standardMethods = {
  'standards.list': method(standardFilter, 'read'),
  'standards.create': method(standardInput, 'write'),
  'standards.update': method(updateInput(standardInput), 'write'),
  'standards.trash': method(byId, 'write'),
  'standards.restore': method(byId, 'write'),
  'scores.list': method(scoreFilter, 'read'),
  'scores.create': method(scoreInput, 'write'),
  'scores.update': method(updateInput(scoreInput), 'write'),
  'scores.trash': method(byId, 'write'),
  'scores.restore': method(byId, 'write'),
  'scores.deadlines': method(none, 'read'),
} as const;

export interface StandardResults {
  'standards.list': StandardRow[];
  'standards.create': StandardRow;
  'standards.update': StandardRow;
  'standards.trash': StandardRow;
  'standards.restore': StandardRow;
  'scores.list': ScoreRow[];
  'scores.create': ScoreRow;
  'scores.update': ScoreRow;
  'scores.trash': ScoreRow;
  'scores.restore': ScoreRow;
  'scores.deadlines': DossierDeadline[];
}
