/**
 * Import of officers' own workbooks into a register. The file is read once into a session; the header is
 * found and the columns mapped; every row is then analysed against the database in chunks (so the wizard
 * shows progress and can stop), paged through as a preview, and committed in short transactions as one
 * import run (undone as one by services/imports/undo.ts). Nothing is written before the commit, so closing
 * a session changes nothing. Re-importing a file finds its own records again (by ID number, else name and
 * birth; a model by name and ward) and adds nothing twice.
 */
export { ANALYSE_CHUNK, analyseImport, NoDataRowsError, type AnalyseInput } from './analyse';
export { commitImport, commitProgress } from './commit';
export { inspectImport } from './layout';
export { previewImport } from './preview';
export { importReport } from './report';
export { ImportSessions, openImport } from './session';
