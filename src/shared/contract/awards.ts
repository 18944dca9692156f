/** The awards' methods: rounds and their nominations. */
import { z } from 'zod';
import { updateInput } from '../catalogues';
import { id, type Page } from '../common';
import { nominationFilter, nominationInput, nominationListQuery, nominationStatusInput, nomineeQuery, roundInput, type Nomination, type NominationDetail, type NominationWarning, type Round, type RoundCounts, type RoundList, type RoundSummary } from '../awards';
import { method, none, byId } from './method';

export const awardMethods = {
  'rounds.all': method(none, 'read'),
  'rounds.create': method(roundInput, 'write'),
  'rounds.update': method(updateInput(roundInput), 'write'),
  'rounds.close': method(byId, 'write'),
  'rounds.reopen': method(byId, 'admin'),
  'rounds.list': method(byId, 'read'),
  'nominations.list': method(nominationListQuery, 'read'),
  'nominations.counts': method(nominationFilter, 'read'),
  'nominations.get': method(byId, 'read'),
  'nominations.check': method(z.object({ id: id.nullish(), values: nominationInput }), 'read'),
  'nominations.create': method(nominationInput, 'write'),
  'nominations.update': method(updateInput(nominationInput), 'write'),
  'nominations.changeStatus': method(nominationStatusInput, 'write'),
  'nominations.trash': method(byId, 'write'),
  'nominations.restore': method(byId, 'write'),
  'nominations.nomineeHistory': method(nomineeQuery, 'read'),
} as const;

export interface AwardResults {
  'rounds.all': RoundSummary[];
  'rounds.create': Round;
  'rounds.update': Round;
  'rounds.close': Round;
  'rounds.reopen': Round;
  'rounds.list': RoundList;
  'nominations.list': Page<Nomination>;
  'nominations.counts': RoundCounts;
  'nominations.get': NominationDetail;
  'nominations.check': NominationWarning[];
  'nominations.create': Nomination;
  'nominations.update': Nomination;
  'nominations.changeStatus': Nomination;
  'nominations.trash': Nomination;
  'nominations.restore': Nomination;
  'nominations.nomineeHistory': Nomination[];
}
