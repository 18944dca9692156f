/** The Excel exchange methods: exporting a register's view (and the audit log), and the import wizard. */
import { auditExportInput, exportFileInput, type ExportedFile } from '../exports';
import { importAnalyseInput, importDecisions, importInspectInput, importOpenInput, importPreviewInput, importReportInput, importSessionInput, type ImportLayout, type ImportOpened, type ImportPreview, type ImportSummary, type ImportUndone, importUndoInput } from '../imports';
import { method } from './method';

export const exchangeMethods = {
  'exports.file': method(exportFileInput, 'read'),
  'audit.export': method(auditExportInput, 'admin'),
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

export interface ExchangeResults {
  'exports.file': ExportedFile;
  'audit.export': ExportedFile;
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
