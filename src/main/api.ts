/**
 * The handler table: one function per API method, built from the services. Both hosts (Electron IPC
 * and the loopback web host) call `handleRequest`, which validates input with the shared schemas,
 * enforces the method's access level for the request's user, and turns every failure into ApiErrorBody.
 */
import { basename } from 'node:path';
import type { z } from 'zod';
import { isMethod, methods, type Access, type ApiResponse, type ApiResult, type Method, type ParsedInput } from '../shared/api';
import type { Role, User } from '../shared/app';
import { ApiError, INTERNAL_ERROR_MESSAGE } from '../shared/errors';
import { BackupError } from './db/backup';
import { log } from './log';
import { appInfo, dismissWelcome, getUiState, setUiState } from './services/app';
import { auditForEntity } from './services/audit';
import { printSettings, setPrintSettings } from './services/print';
import * as awards from './services/awards';
import * as backup from './services/backup';
import * as catalogues from './services/catalogues';
import { exportRegister, saveExportFile } from './services/exports';
import * as imports from './services/imports';
import { undoImport } from './services/import-undo';
import type { Context } from './services/context';
import * as models from './services/models';
import * as subjects from './services/subjects';
import type { Transfers } from './transfers';
import type { Workspace } from './workspace';

type Handler<M extends Method> = (ctx: Context, input: ParsedInput<M>) => Promise<ApiResult<M>>;
export type Handlers = { [M in Method]: Handler<M> };

/** What a host adds to the handler table: the web host's uploads and downloads (Electron uses real paths). */
export interface HostServices {
  transfers?: Transfers;
}

export function createHandlers(workspace: Workspace, host: HostServices = {}): Handlers {
  // A browser has no native dialog: a path can only come from the page itself, so the web host takes none.
  const refusePathInBrowser = () => {
    if (host.transfers) throw new ApiError('file', 'Trong trình duyệt, tệp được chọn bằng nút tải lên và được lưu vào thư mục Tải xuống.');
  };
  const fileOf = (ref: { path: string } | { uploadId: string }): backup.SourceFile => {
    if ('path' in ref) {
      refusePathInBrowser();
      return { path: ref.path, name: ref.path };
    }
    if (!host.transfers) throw new BackupError('unavailable', 'Tải tệp lên chỉ dùng được khi mở ứng dụng trong trình duyệt. Hãy chọn tệp trên máy.');
    return host.transfers.upload(ref.uploadId);
  };
  /** A file made for the officer: written where Electron's dialog said, or offered once as the web host's download. */
  const deliver = (file: { fileName: string; data: Buffer }, target: 'download' | { path: string }) => {
    if (target !== 'download') {
      refusePathInBrowser();
      saveExportFile(target.path, file.data);
      return { fileName: file.fileName, downloadUrl: null };
    }
    if (!host.transfers) throw new ApiError('file', 'Tải tệp xuống chỉ dùng được khi mở ứng dụng trong trình duyệt. Hãy chọn nơi lưu.');
    return { fileName: file.fileName, downloadUrl: `/download/${host.transfers.offerBytes(file.data, file.fileName)}` };
  };
  const importSessions = new imports.ImportSessions();
  return {
    'app.info': (ctx) => appInfo(ctx, workspace),
    'app.dismissWelcome': (ctx) => dismissWelcome(ctx, workspace),
    'app.openDemo': async () => {
      await workspace.switchTo('demo');
      return appInfo(workspace.context(), workspace);
    },
    'app.openReal': async () => {
      await workspace.switchTo('real');
      return appInfo(workspace.context(), workspace);
    },
    'ui.getState': getUiState,
    'ui.setState': setUiState,
    'audit.forEntity': auditForEntity,
    'print.settings': printSettings,
    'print.setSettings': setPrintSettings,

    'catalogues.get': catalogues.getCatalogues,
    'wards.create': catalogues.createWard,
    'wards.update': catalogues.updateWard,
    'neighbourhoods.create': catalogues.createNeighbourhood,
    'neighbourhoods.update': catalogues.updateNeighbourhood,
    'modelTypes.create': catalogues.createModelType,
    'modelTypes.update': catalogues.updateModelType,

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

    'subjectCategories.create': catalogues.createSubjectCategory,
    'subjectCategories.update': catalogues.updateSubjectCategory,
    'helperOrgs.create': catalogues.createHelperOrg,
    'helperOrgs.update': catalogues.updateHelperOrg,
    'catalogueAliases.remove': catalogues.removeCatalogueAlias,
    'subjects.list': subjects.listSubjects,
    'subjects.counts': subjects.countSubjects,
    'subjects.sensitive': subjects.sensitiveFields,
    'subjects.get': subjects.getSubject,
    'subjects.create': subjects.createSubject,
    'subjects.update': subjects.updateSubject,
    'subjects.changeStatus': subjects.changeSubjectStatus,
    'subjects.trash': subjects.trashSubject,
    'subjects.restore': subjects.restoreSubject,
    'subjects.findDuplicates': subjects.findDuplicates,
    'subjects.duplicatePairs': subjects.duplicatePairs,
    'subjects.merge': subjects.mergeSubjects,
    'subjects.unmerge': subjects.unmergeSubjects,
    'subjects.markDistinct': subjects.markDistinct,
    'subjects.due': subjects.dueList,
    'subjects.dueCounts': subjects.dueCounts,
    'subjects.settings': async (ctx) => ({ reviewIntervalMonths: await subjects.reviewIntervalMonths(ctx) }),
    'subjects.setReviewInterval': subjects.setReviewInterval,
    'reviews.create': subjects.createReview,
    'reviews.update': subjects.updateReview,
    'reviews.remove': subjects.removeReview,

    'awardForms.create': catalogues.createAwardForm,
    'awardForms.update': catalogues.updateAwardForm,
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

    'backup.status': (ctx) => backup.backupStatus(workspace, ctx),
    'backup.history': backup.backupHistory,
    'backup.progress': async () => backup.currentProgress(workspace),
    'backup.setSettings': (ctx, input) => backup.setBackupSettings(workspace, ctx, input),
    'backup.create': async (ctx, input) => {
      if (input.target === 'download') {
        if (!host.transfers) throw new BackupError('unavailable', 'Tải bản sao lưu xuống chỉ dùng được khi mở ứng dụng trong trình duyệt. Hãy chọn thư mục để lưu.');
        const made = await backup.createBackup(workspace, ctx, { kind: 'manual', destination: { folder: host.transfers.downloadDir, forDownload: true }, password: input.password });
        return { record: made.record, downloadUrl: `/download/${host.transfers.offerDownload(made.path, basename(made.path))}` };
      }
      refusePathInBrowser();
      const made = await backup.createBackup(workspace, ctx, { kind: 'manual', destination: backup.destinationFromPath(input.target.path), password: input.password });
      return { record: made.record, downloadUrl: null };
    },
    'exports.file': async (ctx, input) => {
      const exported = await exportRegister(ctx, input.export);
      return { ...deliver(exported, input.target), rows: exported.rows };
    },
    'imports.open': async (_ctx, input) => {
      const file = fileOf(input.file);
      try {
        return await imports.openImport(importSessions, { path: file.path, name: basename(file.name) });
      } finally {
        if ('uploadId' in input.file) host.transfers?.discardUpload(input.file.uploadId);
      }
    },
    'imports.inspect': (ctx, input) => imports.inspectImport(ctx, importSessions.get(input.sessionId), input),
    'imports.analyse': (ctx, input) => imports.analyseImport(ctx, importSessions.get(input.sessionId), input),
    'imports.preview': async (_ctx, input) => imports.previewImport(importSessions.get(input.sessionId), input),
    'imports.commit': (ctx, input) => imports.commitImport(ctx, importSessions.get(input.sessionId), input),
    'imports.undo': undoImport,
    'imports.progress': async (_ctx, input) => imports.commitProgress(importSessions.get(input.sessionId)),
    'imports.saveReport': async (_ctx, input) => deliver(imports.importReport(importSessions.get(input.sessionId)), input.target),
    'imports.close': async (_ctx, input) => {
      importSessions.close(input.sessionId);
      return { ok: true };
    },
    'backup.inspect': (_ctx, input) => backup.inspectBackup(workspace, fileOf(input.file), input.password),
    'backup.restore': async (ctx, input) => {
      const result = await backup.restoreBackup(workspace, ctx, fileOf(input.file), input.password);
      if ('uploadId' in input.file) host.transfers?.discardUpload(input.file.uploadId);
      return result;
    },
    'backup.undoRestore': (ctx) => backup.undoRestore(workspace, ctx),
  };
}

const ACCESS_BY_ROLE: Record<Role, Access[]> = {
  admin: ['read', 'write', 'admin'],
  editor: ['read', 'write'],
  viewer: ['read'],
};

export function validationError(error: z.ZodError): ApiError {
  const fields = error.issues.map((issue) => ({ field: issue.path.join('.').replace(/^values\./, ''), message: issue.message }));
  const first = fields[0];
  return new ApiError('validation', first ? `Dữ liệu chưa hợp lệ: ${first.message}` : 'Dữ liệu chưa hợp lệ.', fields);
}

export async function handleRequest(workspace: Workspace, handlers: Handlers, user: User, method: string, input: unknown): Promise<ApiResponse> {
  try {
    if (!isMethod(method)) throw new ApiError('unknown_method', 'Chức năng được yêu cầu không tồn tại.');
    const definition = methods[method];
    if (!ACCESS_BY_ROLE[user.role].includes(definition.access)) {
      throw new ApiError('forbidden', 'Tài khoản của bạn không có quyền thực hiện thao tác này.');
    }
    const parsed = definition.input.safeParse(input ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const handler = handlers[method] as Handler<Method>;
    return { ok: true, result: await handler(workspace.context(user), parsed.data as ParsedInput<Method>) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toBody() };
    log.error('api.unexpected', error, { method });
    return { ok: false, error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE } };
  }
}
