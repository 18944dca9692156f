/** The Excel exchange methods: exporting a register's view, and the import wizard (open → inspect → analyse → preview → commit, undo). */
import { basename } from 'node:path';
import { exportAuditLog } from '../services/audit';
import { exportRegister } from '../services/exports';
import { undoImport } from '../services/imports/undo';
import * as imports from '../services/imports';
import type { HostFiles } from './files';
import type { HandlerGroup } from './table';

export function exchangeHandlers(files: HostFiles): HandlerGroup {
  // An import's file is read once and kept in a session while the officer goes through the wizard.
  const sessions = new imports.ImportSessions();
  return {
    'exports.file': async (ctx, input) => {
      const exported = await exportRegister(ctx, input.export);
      return { ...files.deliver(exported, input.target), rows: exported.rows };
    },
    'audit.export': async (ctx, input) => {
      const exported = await exportAuditLog(ctx, input.filter, input.format);
      return { ...files.deliver(exported, input.target), rows: exported.rows };
    },
    'imports.open': async (_ctx, input) => {
      const file = files.fileOf(input.file);
      try {
        return await imports.openImport(sessions, { path: file.path, name: basename(file.name) });
      } finally {
        files.discard(input.file);
      }
    },
    'imports.inspect': (ctx, input) => imports.inspectImport(ctx, sessions.get(input.sessionId), input),
    'imports.analyse': (ctx, input) => imports.analyseImport(ctx, sessions.get(input.sessionId), input),
    'imports.preview': async (_ctx, input) => imports.previewImport(sessions.get(input.sessionId), input),
    'imports.commit': (ctx, input) => imports.commitImport(ctx, sessions.get(input.sessionId), input),
    'imports.undo': undoImport,
    'imports.progress': async (_ctx, input) => imports.commitProgress(sessions.get(input.sessionId)),
    'imports.saveReport': async (_ctx, input) => files.deliver(imports.importReport(sessions.get(input.sessionId)), input.target),
    'imports.close': async (_ctx, input) => {
      sessions.close(input.sessionId);
      return { ok: true };
    },
  };
}
