/** The awards' methods: rounds and their nominations. */
import * as awards from '../services/awards';
import type { HandlerGroup } from './table';

export function awardHandlers(): HandlerGroup {
  return {
    'rounds.all': awards.listRounds,
    'rounds.create': awards.createRound,
    'rounds.update': awards.updateRound,
    'rounds.close': awards.closeRound,
    'rounds.reopen': awards.reopenRound,
    'rounds.list': awards.roundList,
    'nominations.list': awards.listNominations,
    'nominations.counts': awards.countNominations,
    'nominations.get': awards.getNomination,
    'nominations.check': awards.checkNomination,
    'nominations.create': awards.createNomination,
    'nominations.update': awards.updateNomination,
    'nominations.changeStatus': awards.changeNominationStatus,
    'nominations.trash': awards.trashNomination,
    'nominations.restore': awards.restoreNomination,
    'nominations.nomineeHistory': awards.nomineeHistory,
  };
}
