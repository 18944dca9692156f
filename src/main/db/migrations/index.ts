/**
 * Schema migrations, listed statically (the main process is bundled: no folder to scan).
 * Append only: a released migration is never edited. The schema version is their count.
 *
 * Migrations are frozen: each carries the data it seeds as literals and imports nothing of today's
 * code (no catalogue constants, no text helpers, no table types), so what a migration does can never
 * change when a constant or a helper does. A sort key a migration wrote is a literal here, computed by
 * `collationKey` when the migration was frozen; if the collation changes, a new migration recomputes
 * the keys. tests/unit/migrations-frozen.test.ts compares a fresh database with a committed snapshot.
 *
 * One file a migration (0001-…), the helpers they share in run.ts, their translation for a PostgreSQL
 * server in postgres.ts.
 */
import type { Migration } from 'kysely/migration';
import { initialSchema } from './0001-initial-schema';
import { seedCatalogues } from './0002-seed-catalogues';
import { countIndexes } from './0003-count-indexes';
import { subjectsSchema } from './0004-subjects';
import { awardsSchema } from './0005-awards';
import { backupsSchema } from './0006-backups';
import { importLearning } from './0007-import-learning';
import { modelDeclaredCounts } from './0008-model-declared-counts';
import { accounts } from './0009-accounts';
import { activities } from './0010-activities';
import { reportIndexes } from './0011-report-indexes';
import { standards } from './0012-standards';
import { deferredSearch } from './0013-deferred-search';
import { recordVersions } from './0014-record-versions';
import { mergedRecords } from './0015-merged-records';

export const migrations: Record<string, Migration> = {
  '0001_initial_schema': initialSchema,
  '0002_seed_catalogues': seedCatalogues,
  '0003_count_indexes': countIndexes,
  '0004_subjects': subjectsSchema,
  '0005_awards': awardsSchema,
  '0006_backups': backupsSchema,
  '0007_import_learning': importLearning,
  // Kysely runs migrations in name order and refuses a database where one ran after a missing one:
  // a new migration's name sorts after every released one.
  '0008_model_declared_counts': modelDeclaredCounts,
  '0009_accounts': accounts,
  '0010_activities': activities,
  '0011_report_indexes': reportIndexes,
  '0012_standards': standards,
  '0013_deferred_search': deferredSearch,
  '0014_record_versions': recordVersions,
  '0015_merged_records': mergedRecords,
};

export const SCHEMA_VERSION = Object.keys(migrations).length;
