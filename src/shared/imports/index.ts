/**
 * Import from officers' own workbooks: the fields each register can read, the words their rosters use
 * for them, and the matching of column headers to fields. Pure: shared by the import service, the CLI
 * and the wizard.
 */
export { IMPORT_REGISTERS, type CatalogueName, type Choice, type FieldKind, type FieldTarget, type ImportField, type ImportRegister } from './fields-common';
export * from './fields-models';
export * from './fields-subjects';
export * from './fields';
export * from './columns';
export * from './layout-key';
export * from './column-letters';
export * from './mapping';
export * from './wizard';
