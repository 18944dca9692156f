/**
 * The API contract: every method's input schema, what access it needs, and its result type.
 * Electron IPC, the loopback web host and the renderer's client all go by this one table.
 */
import { z } from 'zod';
import { exportFileInput, type ExportedFile } from './exports';
import {
  importAnalyseInput,
  importDecisions,
  importInspectInput,
  importOpenInput,
  importPreviewInput,
  importReportInput,
  importSessionInput,
  type ImportLayout,
  type ImportOpened,
  type ImportPreview,
  type ImportSummary,
  type ImportUndone,
  importUndoInput,
} from './imports';
import { auditQuery, uiStateInput, uiStateKey, type AppInfo, type AuditEntry } from './app';
import {
  helperOrgInput,
  subjectCategoryInput,
  type HelperOrg,
  type SubjectCategory,
  modelTypeInput,
  neighbourhoodInput,
  updateInput,
  wardInput,
  type Catalogues,
  type ModelType,
  type Neighbourhood,
  type Ward,
} from './catalogues';
import {
  backupCreateInput,
  backupHistoryQuery,
  backupInspectInput,
  backupRestoreInput,
  backupSettingsInput,
  type BackupCreated,
  type BackupInfo,
  type BackupProgress,
  type BackupRecord,
  type BackupStatus,
  type RestoreResult,
} from './backup';
import { id, type Page } from './common';
import { printSettingsInput, type PrintSettings } from './print';
import type { ApiErrorBody } from './errors';
import {
  evaluationInput,
  memberInput,
  modelFilter,
  modelInput,
  modelListQuery,
  statusChangeInput,
  type Evaluation,
  type Member,
  type ModelCounts,
  type ModelDetail,
  type ModelRow,
} from './models';
import {
  awardFormInput,
  nominationFilter,
  nominationInput,
  nominationListQuery,
  nominationStatusInput,
  nomineeQuery,
  roundInput,
  type AwardForm,
  type Nomination,
  type NominationDetail,
  type NominationWarning,
  type Round,
  type RoundCounts,
  type RoundList,
  type RoundSummary,
} from './awards';
import {
  dueListInput,
  duplicateCheckInput,
  mergeInput,
  unmergeInput,
  distinctInput,
  reviewInput,
  reviewIntervalInput,
  sensitiveQuery,
  subjectFilter,
  subjectInput,
  subjectListQuery,
  subjectStatusInput,
  type DueCounts,
  type DueList,
  type DuplicateCandidate,
  type DuplicatePair,
  type Review,
  type Subject,
  type SubjectCounts,
  type SubjectDetail,
  type SubjectRow,
  type SubjectSensitive,
  type UnmergeResult,
} from './subjects';

export type Access = 'read' | 'write' | 'admin';

const none = z.object({}).default({});
const byId = z.object({ id });

const method = <Input extends z.ZodType>(input: Input, access: Access) => ({ input, access });

export const methods = {
  'app.info': method(none, 'read'),
  'app.dismissWelcome': method(none, 'write'),
  'app.openDemo': method(none, 'read'),
  'app.openReal': method(none, 'read'),
  'ui.getState': method(uiStateKey, 'read'),
  'ui.setState': method(uiStateInput, 'write'),
  'audit.forEntity': method(auditQuery, 'read'),
  'print.settings': method(none, 'read'),
  'print.setSettings': method(printSettingsInput, 'admin'),

  'catalogues.get': method(none, 'read'),
  'wards.create': method(wardInput, 'admin'),
  'wards.update': method(updateInput(wardInput), 'admin'),
  'neighbourhoods.create': method(neighbourhoodInput, 'admin'),
  'neighbourhoods.update': method(updateInput(neighbourhoodInput), 'admin'),
  'modelTypes.create': method(modelTypeInput, 'admin'),
  'modelTypes.update': method(updateInput(modelTypeInput), 'admin'),

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

  'subjectCategories.create': method(subjectCategoryInput, 'admin'),
  'subjectCategories.update': method(updateInput(subjectCategoryInput), 'admin'),
  'helperOrgs.create': method(helperOrgInput, 'admin'),
  'helperOrgs.update': method(updateInput(helperOrgInput), 'admin'),
  'catalogueAliases.remove': method(z.object({ id }), 'admin'),
  'subjects.list': method(subjectListQuery, 'read'),
  'subjects.counts': method(subjectFilter, 'read'),
  'subjects.sensitive': method(sensitiveQuery, 'read'),
  'subjects.get': method(byId, 'read'),
  'subjects.create': method(subjectInput, 'write'),
  'subjects.update': method(updateInput(subjectInput), 'write'),
  'subjects.changeStatus': method(subjectStatusInput, 'write'),
  'subjects.trash': method(byId, 'write'),
  'subjects.restore': method(byId, 'write'),
  'subjects.findDuplicates': method(duplicateCheckInput, 'read'),
  'subjects.duplicatePairs': method(none, 'read'),
  'subjects.merge': method(mergeInput, 'write'),
  'subjects.unmerge': method(unmergeInput, 'write'),
  'subjects.markDistinct': method(distinctInput, 'write'),
  'subjects.due': method(dueListInput, 'read'),
  'subjects.dueCounts': method(none, 'read'),
  'subjects.settings': method(none, 'read'),
  'subjects.setReviewInterval': method(reviewIntervalInput, 'admin'),
  'reviews.create': method(reviewInput, 'write'),
  'reviews.update': method(updateInput(reviewInput), 'write'),
  'reviews.remove': method(byId, 'write'),

  'awardForms.create': method(awardFormInput, 'admin'),
  'awardForms.update': method(updateInput(awardFormInput), 'admin'),
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

  'backup.status': method(none, 'read'),
  'backup.history': method(backupHistoryQuery.default({ limit: 100, includeRemoved: false }), 'read'),
  'backup.progress': method(none, 'read'),
  'backup.setSettings': method(backupSettingsInput, 'admin'),
  'backup.create': method(backupCreateInput, 'write'),
  'backup.inspect': method(backupInspectInput, 'admin'),
  'backup.restore': method(backupRestoreInput, 'admin'),
  'backup.undoRestore': method(none, 'admin'),

  'exports.file': method(exportFileInput, 'read'),

  'imports.open': method(importOpenInput, 'write'),
  'imports.inspect': method(importInspectInput, 'write'),
  'imports.analyse': method(importAnalyseInput, 'write'),
  'imports.preview': method(importPreviewInput, 'write'),
  'imports.commit': method(importDecisions, 'write'),
  'imports.undo': method(importUndoInput, 'write'),
  'imports.close': method(importSessionInput, 'write'),
  'imports.saveReport': method(importReportInput, 'write'),
  'imports.progress': method(importSessionInput, 'write'),
} as const;

export interface ApiResults {
  'app.info': AppInfo;
  'app.dismissWelcome': AppInfo;
  'app.openDemo': AppInfo;
  'app.openReal': AppInfo;
  'ui.getState': { value: unknown };
  'ui.setState': { ok: true };
  'audit.forEntity': AuditEntry[];
  'print.settings': PrintSettings;
  'print.setSettings': PrintSettings;

  'catalogues.get': Catalogues;
  'wards.create': Ward;
  'wards.update': Ward;
  'neighbourhoods.create': Neighbourhood;
  'neighbourhoods.update': Neighbourhood;
  'modelTypes.create': ModelType;
  'modelTypes.update': ModelType;

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

  'subjectCategories.create': SubjectCategory;
  'subjectCategories.update': SubjectCategory;
  'helperOrgs.create': HelperOrg;
  'helperOrgs.update': HelperOrg;
  'catalogueAliases.remove': { ok: true };
  'subjects.list': Page<SubjectRow>;
  'subjects.counts': SubjectCounts;
  'subjects.sensitive': SubjectSensitive[];
  'subjects.get': SubjectDetail;
  'subjects.create': Subject;
  'subjects.update': Subject;
  'subjects.changeStatus': Subject;
  'subjects.trash': Subject;
  'subjects.restore': Subject;
  'subjects.findDuplicates': DuplicateCandidate[];
  'subjects.duplicatePairs': DuplicatePair[];
  'subjects.merge': Subject;
  'subjects.unmerge': UnmergeResult;
  'subjects.markDistinct': { ok: true };
  'subjects.due': DueList;
  'subjects.dueCounts': DueCounts;
  'subjects.settings': { reviewIntervalMonths: number };
  'subjects.setReviewInterval': { reviewIntervalMonths: number };
  'reviews.create': Review;
  'reviews.update': Review;
  'reviews.remove': { ok: true };

  'awardForms.create': AwardForm;
  'awardForms.update': AwardForm;
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

  'backup.status': BackupStatus;
  'backup.history': BackupRecord[];
  /** The backup or restore running now (poll it while a long call is pending), or null. */
  'backup.progress': BackupProgress | null;
  'backup.setSettings': BackupStatus;
  'backup.create': BackupCreated;
  'backup.inspect': BackupInfo;
  'backup.restore': RestoreResult;
  'backup.undoRestore': RestoreResult;
  'exports.file': ExportedFile;
  'imports.open': ImportOpened;
  'imports.inspect': ImportLayout;
  'imports.analyse': { done: number; total: number };
  'imports.preview': ImportPreview;
  'imports.commit': ImportSummary;
  'imports.undo': ImportUndone;
  'imports.close': { ok: true };
  'imports.saveReport': { fileName: string; downloadUrl: string | null };
  /** Rows written so far by a running commit; null when none runs. */
  'imports.progress': { done: number; total: number } | null;
}

export type Method = keyof typeof methods;
/** What a caller passes (before defaults and cleaning). */
export type ApiInput<M extends Method> = z.input<(typeof methods)[M]['input']>;
/** What a handler receives (after validation). */
export type ParsedInput<M extends Method> = z.output<(typeof methods)[M]['input']>;
export type ApiResult<M extends Method> = ApiResults[M];

export const isMethod = (name: string): name is Method => Object.hasOwn(methods, name);

/** The transport-neutral call every client makes: window.api in Electron, fetch in a browser. */
export type Invoke = <M extends Method>(method: M, input: ApiInput<M>) => Promise<ApiResult<M>>;

/** What crosses IPC or HTTP for one call. */
export type ApiResponse = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/** The preload's contextBridge surface (window.api in Electron; absent in a browser). */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<ApiResponse>;
  /** Electron only: a native folder picker for where to write a backup; null when cancelled. */
  pickSaveFolder?(): Promise<string | null>;
  /** Electron only: a native save dialog for an exported list (.xlsx or .csv); the path, or null when cancelled. */
  pickExportFile?(suggestedName: string): Promise<string | null>;
  /** Electron only: a native file picker for a workbook to import (.xlsx, .xls, .csv); null when cancelled. */
  pickImportFile?(): Promise<string | null>;
  /** Electron only: a native file picker for a backup to restore; null when cancelled. */
  pickBackupFile?(): Promise<string | null>;
  /** Electron only: prints this window's page through the system print dialog (A4); true when it printed. */
  printPage?(): Promise<boolean>;
  /** Electron only: saves this window's page as an A4 PDF where the officer chooses; the path, or null when cancelled. */
  savePdf?(suggestedName: string): Promise<string | null>;
}

export const IPC_CHANNEL = 'api:invoke';

/** The IPC channels of the bridge's platform calls (each sender-checked like IPC_CHANNEL). */
export const DIALOG_CHANNELS = {
  pickSaveFolder: 'dialog:pickSaveFolder',
  pickBackupFile: 'dialog:pickBackupFile',
  pickExportFile: 'dialog:pickExportFile',
  pickImportFile: 'dialog:pickImportFile',
} as const;

/** The IPC channels of printing (sender-checked; they only ever print the calling window's own page). */
export const PRINT_CHANNELS = {
  printPage: 'print:page',
  savePdf: 'print:savePdf',
} as const;

/**
 * The file name a page suggests to a native save dialog (pickExportFile, savePdf). The main process
 * checks it on arrival and keeps only a safe last segment of it; no real name comes near the limit.
 */
export const suggestedFileName = z.string().max(1000);
