/** The catalogues' methods: wards, khu phố, model types, categories, helper organisations, award forms, aliases. */
import { z } from 'zod';
import { helperOrgInput, subjectCategoryInput, type HelperOrg, type SubjectCategory, modelTypeInput, neighbourhoodInput, updateInput, wardInput, type Catalogues, type ModelType, type Neighbourhood, type Ward } from '../catalogues';
import { id } from '../common';
import { programmeInput, type Programme } from '../activities';
import { awardFormInput, type AwardForm } from '../awards';
import { method, none } from './method';

export const catalogueMethods = {
  'catalogues.get': method(none, 'read'),
  'wards.create': method(wardInput, 'admin'),
  'wards.update': method(updateInput(wardInput), 'admin'),
  'neighbourhoods.create': method(neighbourhoodInput, 'admin'),
  'neighbourhoods.update': method(updateInput(neighbourhoodInput), 'admin'),
  'modelTypes.create': method(modelTypeInput, 'admin'),
  'modelTypes.update': method(updateInput(modelTypeInput), 'admin'),
  'subjectCategories.create': method(subjectCategoryInput, 'admin'),
  'subjectCategories.update': method(updateInput(subjectCategoryInput), 'admin'),
  'helperOrgs.create': method(helperOrgInput, 'admin'),
  'helperOrgs.update': method(updateInput(helperOrgInput), 'admin'),
  'catalogueAliases.remove': method(z.object({ id }), 'admin'),
  'awardForms.create': method(awardFormInput, 'admin'),
  'awardForms.update': method(updateInput(awardFormInput), 'admin'),
  'programmes.create': method(programmeInput, 'admin'),
  'programmes.update': method(updateInput(programmeInput), 'admin'),
} as const;

export interface CatalogueResults {
  'catalogues.get': Catalogues;
  'wards.create': Ward;
  'wards.update': Ward;
  'neighbourhoods.create': Neighbourhood;
  'neighbourhoods.update': Neighbourhood;
  'modelTypes.create': ModelType;
  'modelTypes.update': ModelType;
  'subjectCategories.create': SubjectCategory;
  'subjectCategories.update': SubjectCategory;
  'helperOrgs.create': HelperOrg;
  'helperOrgs.update': HelperOrg;
  'catalogueAliases.remove': { ok: true };
  'awardForms.create': AwardForm;
  'awardForms.update': AwardForm;
  'programmes.create': Programme;
  'programmes.update': Programme;
}
