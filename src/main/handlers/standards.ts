/** The standard "An toàn về an ninh, trật tự" and the movement's yearly scoring (issue 17 point 3). */
import * as standards from '../services/standards';
import type { HandlerGroup } from './table';

export function standardHandlers(): HandlerGroup {
  return {
    'standards.list': standards.listStandards,
    'standards.create': standards.createStandard,
    'standards.update': standards.updateStandard,
    'standards.trash': standards.trashStandard,
    'standards.restore': standards.restoreStandard,
    'scores.list': standards.listScores,
    'scores.create': standards.createScore,
    'scores.update': standards.updateScore,
    'scores.trash': standards.trashScore,
    'scores.restore': standards.restoreScore,
    'scores.deadlines': (ctx) => standards.dossierDeadlines(ctx),
  };
}
