/** The catalogues' methods: wards, khu phố, model types, categories, helper organisations, award forms, aliases. */
import * as catalogues from '../services/catalogues';
import type { HandlerGroup } from './table';

export function catalogueHandlers(): HandlerGroup {
  return {
    'catalogues.get': catalogues.getCatalogues,
    'wards.create': catalogues.createWard,
    'wards.update': catalogues.updateWard,
    'neighbourhoods.create': catalogues.createNeighbourhood,
    'neighbourhoods.update': catalogues.updateNeighbourhood,
    'modelTypes.create': catalogues.createModelType,
    'modelTypes.update': catalogues.updateModelType,
    'subjectCategories.create': catalogues.createSubjectCategory,
    'subjectCategories.update': catalogues.updateSubjectCategory,
    'helperOrgs.create': catalogues.createHelperOrg,
    'helperOrgs.update': catalogues.updateHelperOrg,
    'catalogueAliases.remove': catalogues.removeCatalogueAlias,
    'awardForms.create': catalogues.createAwardForm,
    'awardForms.update': catalogues.updateAwardForm,
    'programmes.create': catalogues.createProgramme,
    'programmes.update': catalogues.updateProgramme,
  };
}
