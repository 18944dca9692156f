/** The backup methods: status, settings, history, a backup now, checking and restoring a file, undoing a restore. */
import * as backup from '../services/backup';
import { decideConflict, listConflicts } from '../services/merge/conflicts';
import { mergeFromFile } from '../services/merge/merge';
import { copyLocalFileToServer } from '../services/merge/to-server';
import type { Workspace } from '../workspace';
import type { HostFiles } from './files';
import type { HandlerGroup } from './table';

export function backupHandlers(workspace: Workspace, files: HostFiles): HandlerGroup {
  return {
    'backup.status': (ctx) => backup.backupStatus(workspace, ctx),
    'backup.history': backup.backupHistory,
    'backup.progress': async () => backup.currentProgress(workspace),
    'backup.setSettings': (ctx, input) => backup.setBackupSettings(workspace, ctx, input),
    'backup.create': async (ctx, input) => {
      if (input.target === 'download') {
        const made = await backup.createBackup(workspace, ctx, { kind: 'manual', destination: { folder: files.downloadDir(), forDownload: true }, password: input.password });
        return { record: made.record, downloadUrl: files.offerDownload(made.path) };
      }
      files.refusePath();
      const made = await backup.createBackup(workspace, ctx, { kind: 'manual', destination: backup.destinationFromPath(input.target.path), password: input.password });
      return { record: made.record, downloadUrl: null };
    },
    'backup.inspect': (_ctx, input) => backup.inspectBackup(workspace, files.fileOf(input.file), input.password),
    'backup.restore': async (ctx, input) => {
      const result = await backup.restoreBackup(workspace, ctx, files.fileOf(input.file), input.password);
      files.discard(input.file);
      return result;
    },
    'backup.undoRestore': (ctx) => backup.undoRestore(workspace, ctx),
    'backup.merge': async (ctx, input) => {
      const report = await mergeFromFile(workspace, ctx, files.fileOf(input.file), input.password);
      files.discard(input.file);
      return report;
    },
    'backup.mergeConflicts': listConflicts,
    'backup.decideConflict': decideConflict,
    'backup.copyToServer': (ctx) => copyLocalFileToServer(workspace, ctx),
  };
}
