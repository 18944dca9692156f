/**
 * The API contract: every method's input schema, what access it needs, and its result type. Each domain
 * declares its own methods (contract/<domain>.ts) and its handlers (src/main/handlers/<domain>.ts);
 * they are combined here once, and a method two domains declare stops the app at start.
 * Electron IPC, the loopback web host, the CLI and the renderer's client all go by this one table.
 */
import { z } from 'zod';
import type { ApiErrorBody } from './errors';
import { activityMethods, type ActivityResults } from './contract/activities';
import { appMethods, type AppResults } from './contract/app';
import { awardMethods, type AwardResults } from './contract/awards';
import { backupMethods, type BackupResults } from './contract/backup';
import { catalogueMethods, type CatalogueResults } from './contract/catalogues';
import { dataSourceMethods, type DataSourceResults } from './contract/data-source';
import { exchangeMethods, type ExchangeResults } from './contract/exchange';
import type { MethodDefinition } from './contract/method';
import { modelMethods, type ModelResults } from './contract/models';
import { printMethods, type PrintResults } from './contract/print';
import { reportMethods, type ReportResults } from './contract/report';
import { standardMethods, type StandardResults } from './contract/standards';
import { userMethods, type UserResults } from './contract/users';
import { subjectMethods, type SubjectResults } from './contract/subjects';

export type { Access } from './contract/method';

/** The domains' method tables as one; a name declared twice is a mistake no later table may hide. */
export function combineMethods<Tables extends Record<string, MethodDefinition>[]>(...tables: Tables): UnionToIntersection<Tables[number]> {
  const combined: Record<string, MethodDefinition> = {};
  for (const table of tables) {
    for (const [name, definition] of Object.entries(table)) {
      if (Object.hasOwn(combined, name)) throw new Error(`Method "${name}" is declared twice in the contract.`);
      combined[name] = definition;
    }
  }
  return combined as UnionToIntersection<Tables[number]>;
}
type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

export const methods = combineMethods(appMethods, catalogueMethods, modelMethods, subjectMethods, awardMethods, activityMethods, standardMethods, reportMethods, backupMethods, exchangeMethods, printMethods, userMethods, dataSourceMethods);

export interface ApiResults extends AppResults, CatalogueResults, ModelResults, SubjectResults, AwardResults, ActivityResults, StandardResults, ReportResults, BackupResults, ExchangeResults, PrintResults, UserResults, DataSourceResults {}

/** A method without a result type, or a result type without a method, fails the typecheck here. */
type Unpaired = Exclude<keyof typeof methods, keyof ApiResults> | Exclude<keyof ApiResults, keyof typeof methods>;
const _everyMethodHasItsResult: [Unpaired] extends [never] ? true : Unpaired = true;

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
