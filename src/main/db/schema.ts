/** Kysely's view of the tables (camelCase here; snake_case in SQLite through CamelCasePlugin). */
import type { Generated } from 'kysely';
import type { AuditAction, Entity, Role } from '../../shared/app';
import type { BackupKind } from '../../shared/backup';
import type { ModelStatus, Rating } from '../../shared/models';
import type { NominationStatus, NomineeKind, RoundStatus } from '../../shared/awards';
import type { Gender, ReintegrationGroup, ReviewResult, SubjectStatus } from '../../shared/subjects';

/** Columns every register row has: who made and last changed it, when, and whether it is in the trash. */
interface Stamped {
  id: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  deletedAt: string | null;
  /** One more at each save (migration 0014): a save must name the version it was made on. */
  version: Generated<number>;
}

export interface UsersTable extends Stamped {
  username: string;
  displayName: string;
  role: Role;
  /** "scrypt$N$r$p$salt$hash" (base64); null for accounts that never sign in. */
  passwordHash: string | null;
  mustChangePassword: Generated<number>;
  failedSignIns: Generated<number>;
  lockedUntil: string | null;
  disabledAt: string | null;
  kind: Generated<'person' | 'system' | 'cli'>;
}

export interface SettingsTable {
  key: string;
  value: string;
  updatedAt: string;
  updatedBy: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  userId: string;
  entity: Entity;
  entityId: string;
  action: AuditAction;
  beforeJson: string | null;
  afterJson: string | null;
}

export interface WardsTable extends Stamped {
  name: string;
  parentUnit: string | null;
  active: number;
  note: string | null;
  sortKey: string;
}

export interface NeighbourhoodsTable extends Stamped {
  wardId: string;
  name: string;
  active: number;
  sortKey: string;
}

export interface ModelTypesTable extends Stamped {
  name: string;
  description: string | null;
  active: number;
  sortKey: string;
}

export interface ModelsTable extends Stamped {
  name: string;
  typeId: string;
  wardId: string;
  neighbourhoodId: string | null;
  address: string | null;
  /** ISO text of the precision known: "2014", "2016-03" or "2016-03-05". */
  foundedOn: string | null;
  foundingDecision: string | null;
  leaderName: string | null;
  leaderPhone: string | null;
  status: ModelStatus;
  note: string | null;
  /** The members listed (kept by the service; the count indexes cover it). */
  memberCount: Generated<number>;
  /** The member count the model's papers declare, or null. */
  declaredMemberCount: number | null;
  searchText: string;
  sortKey: string;
}

export interface ModelMembersTable extends Stamped {
  modelId: string;
  fullName: string;
  role: string | null;
  phone: string | null;
  address: string | null;
  sortKey: string;
}

export interface ModelEvaluationsTable extends Stamped {
  modelId: string;
  year: number;
  rating: Rating;
  tipsPassed: number;
  offendersCaught: number;
  incidentsPrevented: number;
  notes: string | null;
}

export interface ModelStatusChangesTable {
  id: string;
  modelId: string;
  fromStatus: ModelStatus | null;
  toStatus: ModelStatus;
  changedOn: string;
  reason: string | null;
  createdAt: string;
  createdBy: string;
}

export interface SubjectCategoriesTable extends Stamped {
  name: string;
  usesGroups: number;
  active: number;
  sortKey: string;
}

export interface HelperOrgsTable extends Stamped {
  name: string;
  active: number;
  sortKey: string;
}

export interface SubjectsTable extends Stamped {
  /** The rowid (INTEGER PRIMARY KEY): the search index `subjects_search` refers to rows by it. Never leaves the service. */
  seq: Generated<number>;
  fullName: string;
  alias: string | null;
  gender: Gender;
  birthDate: string | null;
  birthYear: number | null;
  /** "1985" or "1985-03-12": binary order puts a year alone before the dates of that year. */
  birthSort: string | null;
  idNumber: string | null;
  phone: string | null;
  permanentAddress: string | null;
  currentAddress: string | null;
  wardId: string;
  neighbourhoodId: string | null;
  categoryId: string;
  reintegrationGroup: ReintegrationGroup | null;
  history: string | null;
  startDate: string;
  plannedEndDate: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  decisionIssuer: string | null;
  helperName: string | null;
  helperOrgId: string | null;
  helperPhone: string | null;
  status: SubjectStatus;
  lastReviewOn: string | null;
  /** The date the next review is counted from: the last review, or the start date before any review. */
  reviewAnchor: string;
  nameFold: string;
  searchText: string;
  sortKey: string;
  mergedInto: string | null;
}

export interface SubjectReviewsTable extends Stamped {
  subjectId: string;
  reviewedOn: string;
  period: string | null;
  result: ReviewResult;
  jobSituation: string | null;
  notes: string | null;
  reviewer: string | null;
}

export interface SubjectStatusChangesTable {
  id: string;
  subjectId: string;
  fromStatus: SubjectStatus | null;
  toStatus: SubjectStatus;
  changedOn: string;
  reason: string | null;
  createdAt: string;
  createdBy: string;
}

export interface AwardFormsTable extends Stamped {
  name: string;
  active: number;
  /** The order of the law's list (Giấy khen first), not alphabetical. */
  sortKey: string;
}

export interface ProgrammesTable extends Stamped {
  name: string;
  active: number;
  /** The order of the district's reports, not alphabetical. */
  sortKey: string;
}

export interface ActivitiesTable extends Stamped {
  kind: 'tuyen_truyen' | 'van_dong';
  /** "yyyy-mm-dd" for one event, "yyyy-mm" for a month's total. */
  period: string;
  events: number;
  wardId: string;
  neighbourhoodId: string | null;
  topic: string | null;
  programmeId: string | null;
  organiser: string | null;
  modelId: string | null;
  participants: number;
  note: string | null;
}

export interface TipsTable extends Stamped {
  receivedOn: string;
  wardId: string;
  neighbourhoodId: string | null;
  channel: 'truc_tiep' | 'dien_thoai' | 'zalo' | 'mo_hinh' | 'khac';
  modelId: string | null;
  summary: string;
  valuable: number;
  caseHandled: number;
  caseReference: string | null;
  note: string | null;
}

export interface SecurityStandardsTable extends Stamped {
  year: number;
  unitKind: 'phuong' | 'khu_pho' | 'co_quan' | 'doanh_nghiep' | 'truong_hoc';
  wardId: string;
  neighbourhoodId: string | null;
  unitName: string | null;
  result: 'dang_ky' | 'khong_dat' | 'dat';
  decisionNumber: string | null;
  decisionDate: string | null;
  note: string | null;
}

export interface MovementScoresTable extends Stamped {
  year: number;
  level: 'phuong' | 'khu_pho';
  wardId: string;
  neighbourhoodId: string | null;
  score: number;
  submittedOn: string | null;
  note: string | null;
}

export interface AwardRoundsTable extends Stamped {
  name: string;
  occasion: string | null;
  periodFrom: number;
  periodTo: number;
  deadline: string | null;
  authority: string | null;
  status: RoundStatus;
  closedAt: string | null;
}

export interface NominationsTable extends Stamped {
  roundId: string;
  kind: NomineeKind;
  modelId: string | null;
  memberId: string | null;
  nomineeName: string;
  /** Who the nomination is about, for "one nominee once per round": model:<id>, member:<id> or kind:name:year. */
  nomineeKey: string;
  gender: 'nam' | 'nu' | null;
  birthYear: number | null;
  position: string | null;
  unit: string | null;
  wardId: string | null;
  formId: string;
  proposedAuthority: string | null;
  achievement: string | null;
  tipsProvided: number;
  casesHelped: number;
  yearsActive: number;
  status: NominationStatus;
  decisionNumber: string | null;
  decisionDate: string | null;
  searchText: string;
  sortKey: string;
}

export interface NominationStatusChangesTable {
  id: string;
  nominationId: string;
  fromStatus: NominationStatus | null;
  toStatus: NominationStatus;
  changedOn: string;
  reason: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  createdAt: string;
  createdBy: string;
}

export interface BackupsTable {
  id: string;
  kind: BackupKind;
  /** Where the file was written (a file name only for a backup downloaded through the web host). */
  file: string;
  createdAt: string;
  bytes: number;
  encrypted: number;
  status: 'ok' | 'failed';
  /** Why a failed attempt failed, as the officer was told. */
  error: string | null;
  /** RegisterSnapshot of the copy, as JSON (null for a failed attempt). */
  countsJson: string | null;
  /** When rotation deleted the file (automatic backups only). */
  removedAt: string | null;
  createdBy: string;
}

export interface CatalogueAliasesTable extends Stamped {
  catalogue: 'wards' | 'neighbourhoods' | 'modelTypes' | 'subjectCategories' | 'helperOrgs';
  entryId: string;
  alias: string;
}

export interface MergedRecordsTable {
  /** The install the ward's file comes from (services/merge/merge.ts sourceOf). */
  source: string;
  tableName: string;
  recordId: string;
  sourceVersion: number;
  localVersion: number;
}

export interface MergeConflictsTable {
  source: string;
  tableName: string;
  recordId: string;
  /** The name of the file the conflict was found in. */
  sourceFile: string;
  /** The file's row of the record (snake_case columns, catalogue ids already mapped to this data's). */
  theirsJson: string;
  foundAt: string;
}

export interface SubjectDistinctPairsTable {
  /** The smaller id of the pair first. */
  subjectA: string;
  subjectB: string;
  createdAt: string;
  createdBy: string;
}

export interface Database {
  users: UsersTable;
  settings: SettingsTable;
  auditLog: AuditLogTable;
  wards: WardsTable;
  neighbourhoods: NeighbourhoodsTable;
  modelTypes: ModelTypesTable;
  models: ModelsTable;
  modelMembers: ModelMembersTable;
  modelEvaluations: ModelEvaluationsTable;
  modelStatusChanges: ModelStatusChangesTable;
  subjectCategories: SubjectCategoriesTable;
  helperOrgs: HelperOrgsTable;
  subjects: SubjectsTable;
  subjectReviews: SubjectReviewsTable;
  subjectStatusChanges: SubjectStatusChangesTable;
  awardForms: AwardFormsTable;
  programmes: ProgrammesTable;
  activities: ActivitiesTable;
  tips: TipsTable;
  securityStandards: SecurityStandardsTable;
  movementScores: MovementScoresTable;
  awardRounds: AwardRoundsTable;
  nominations: NominationsTable;
  nominationStatusChanges: NominationStatusChangesTable;
  backups: BackupsTable;
  catalogueAliases: CatalogueAliasesTable;
  subjectDistinctPairs: SubjectDistinctPairsTable;
  mergedRecords: MergedRecordsTable;
  mergeConflicts: MergeConflictsTable;
}
