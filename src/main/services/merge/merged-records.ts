/**
 * What a merge remembers of each record it met (merged_records: the versions both sides had, which the next
 * merge compares with) and the records no longer waiting for the officer (merge_conflicts), written many
 * records a statement: on a server, each statement is a round trip.
 */
import type { PlainSql } from '../../db/plain-sql';

/**
 * Records a statement: on a server, many; on the file, one, so that the few statements better-sqlite3 caches
 * (db/plain-sql.ts) serve every record instead of one text per number of records. 30.000 parameters at most:
 * under SQLite's 32.766 and PostgreSQL's 65.535.
 */
export const recordsPerStatement = (local: PlainSql, parametersEach: number) => (local.onServer ? Math.floor(30_000 / parametersEach) : 1);

/** Record id → the versions both sides have now. */
export type MergedVersions = Map<string, [theirs: unknown, ours: unknown]>;

export async function rememberMerged(local: PlainSql, source: string, table: string, versions: MergedVersions): Promise<void> {
  const entries = [...versions];
  const perStatement = recordsPerStatement(local, 5);
  for (let start = 0; start < entries.length; start += perStatement) {
    const part = entries.slice(start, start + perStatement);
    await local.run(
      `insert into merged_records (source, table_name, record_id, source_version, local_version) values ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}
        on conflict (source, table_name, record_id) do update set source_version = excluded.source_version, local_version = excluded.local_version`,
      ...part.flatMap(([id, [theirs, ours]]) => [source, table, id, theirs, ours]),
    );
  }
}

export async function settle(local: PlainSql, source: string, table: string, ids: string[]): Promise<void> {
  const perStatement = recordsPerStatement(local, 1);
  for (let start = 0; start < ids.length; start += perStatement) {
    const part = ids.slice(start, start + perStatement);
    await local.run(`delete from merge_conflicts where source = ? and table_name = ? and record_id in (${part.map(() => '?').join(', ')})`, source, table, ...part);
  }
}
