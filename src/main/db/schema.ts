/** Kysely's view of the tables (camelCase here; snake_case in SQLite through CamelCasePlugin). */
import type { Generated } from 'kysely';
import type { AuditAction, Entity, Role } from '../../shared/app';
import type { ModelStatus, Rating } from '../../shared/models';

/** Columns every register row has: who made and last changed it, when, and whether it is in the trash. */
interface Stamped {
  id: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
  deletedAt: string | null;
}

export interface UsersTable extends Stamped {
  username: string;
  displayName: string;
  role: Role;
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
  foundedOn: string | null;
  foundingDecision: string | null;
  leaderName: string | null;
  leaderPhone: string | null;
  status: ModelStatus;
  note: string | null;
  memberCount: Generated<number>;
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
}
