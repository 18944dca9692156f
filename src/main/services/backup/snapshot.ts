/**
 * Writing one backup copy, in a worker thread (worker-tasks.ts) with a connection of its own:
 * 1. a consistent snapshot under load: one read transaction holds the counts and the copy together.
 *    Writers in other connections and processes go on (WAL); the online backup never restarts, because
 *    its source connection's snapshot does not change while the transaction is open (without it, every
 *    write from another connection restarted the copy, and a database over ~16 MB under steady writes
 *    was never done);
 * 2. plain: copied page by page into the partial file, then sealed and verified there (no copy in memory);
 *    encrypted: serialized into memory, sealed and verified as an in-memory database, encrypted from
 *    memory into the partial file and decrypted again to check it: no plaintext ever reaches the disk.
 *    Memory for an encrypted backup: about twice the database (the in-memory database and its sealed
 *    image; briefly three times until the first image is collected): ~400–600 MB for 200 MB of data;
 * 3. the seal (the copy's own description, `backup:meta`) is written last, after the verification, and
 *    the file synced; the caller renames it into place.
 * The partial file is created for its owner only (0600) before anything is written into it, wherever the
 * officer chose to put the backup.
 */
import BetterSqlite3 from 'better-sqlite3';
import { threadId } from 'node:worker_threads';
import { decryptFile, encryptBuffer } from './crypto';
import {
  BackupError,
  fsyncFile,
  markRollbackJournal,
  markRollbackJournalHeader,
  removeSettings,
  snapshotCounts,
  verifyCopy,
  writeSeal,
  type BackupMeta,
  type Snapshot,
} from '../../db/backup';
import { privateFile } from '../../platform/private-files';
import type { ReportProgress } from '../../platform/worker-tasks';

/** Pages copied per step of the online backup (16 MiB at 4 KiB pages): few steps, and progress still moves. */
const PAGES_PER_STEP = 4096;

export interface WriteBackupInput {
  /** The live database file. */
  source: string;
  /** The file to write (a new name; the caller renames it into place once this resolves). */
  partial: string;
  /** Encrypts the copy (.antqbak) with this password. */
  password: string | null;
  /** Settings that never leave the machine. */
  removeKeys: string[];
  /** The seal. */
  meta: BackupMeta;
  /** How the officer will know the file, for messages. */
  name: string;
  nativeBinding?: string;
}

export interface WriteBackupResult extends Snapshot {
  /** The thread that did the work (a worker's id is never 0, the main thread's always is). */
  threadId: number;
}

const COPYING = 'Đang sao chép dữ liệu…';
const CHECKING = 'Đang kiểm tra bản sao lưu…';

/** The counts a sealed copy must have: the snapshot's, less the settings removed. */
const expectedCounts = (snapshot: Snapshot, removed: number) => ({ ...snapshot.tables, settings: (snapshot.tables.settings ?? 0) - removed });

/** Seals and verifies an open copy; returns nothing, throws a BackupError('verify') when it does not match. */
function sealAndVerify(copy: BetterSqlite3.Database, input: WriteBackupInput, snapshot: Snapshot, report: ReportProgress, at: number): void {
  const removed = removeSettings(copy, input.removeKeys);
  report(CHECKING, at);
  verifyCopy(copy, expectedCounts(snapshot, removed));
  writeSeal(copy, input.meta);
}

/** The snapshot's counts and, for an encrypted backup, the whole database image (else the partial file is the copy). */
interface Taken {
  snapshot: Snapshot;
  /** Dropped as soon as SQLite holds its own copy, so the memory can be collected. */
  image: Buffer | null;
}

async function takeSnapshot(input: WriteBackupInput, report: ReportProgress): Promise<Taken> {
  const live = new BetterSqlite3(input.source, { fileMustExist: true, nativeBinding: input.nativeBinding });
  try {
    live.pragma('busy_timeout = 5000');
    live.pragma('query_only = ON');
    live.exec('BEGIN'); // the first read below starts the snapshot; COMMIT ends it
    try {
      const snapshot = snapshotCounts(live);
      if (input.password) return { snapshot, image: live.serialize() };
      // Owner only before a byte is written: the folder may be outside the data folder (a full plaintext
      // copy readable by every user of the machine otherwise). SQLite writes into the empty file as is.
      privateFile(input.partial);
      await live.backup(input.partial, {
        progress: ({ totalPages, remainingPages }) => {
          report(COPYING, totalPages > 0 ? 0.6 * (1 - remainingPages / totalPages) : 0);
          return PAGES_PER_STEP;
        },
      });
      return { snapshot, image: null };
    } finally {
      live.exec('COMMIT');
    }
  } finally {
    live.close();
  }
}

/** Seals and verifies the image in memory; returns the sealed image. */
function sealImage(taken: Taken, input: WriteBackupInput, report: ReportProgress): Buffer {
  markRollbackJournalHeader(taken.image!);
  const copy = new BetterSqlite3(taken.image!, { nativeBinding: input.nativeBinding });
  taken.image = null;
  try {
    sealAndVerify(copy, input, taken.snapshot, report, 0.25);
    return copy.serialize();
  } finally {
    copy.close();
  }
}

export async function writeBackupCopy(input: WriteBackupInput, report: ReportProgress): Promise<WriteBackupResult> {
  report(COPYING, 0);
  const taken = await takeSnapshot(input, report);
  const { snapshot } = taken;
  if (!input.password) {
    markRollbackJournal(input.partial);
    const copy = new BetterSqlite3(input.partial, { fileMustExist: true, nativeBinding: input.nativeBinding });
    try {
      sealAndVerify(copy, input, snapshot, report, 0.6);
    } finally {
      copy.close();
    }
    report('Đang ghi xuống đĩa…', 0.95);
    fsyncFile(input.partial);
    return { ...snapshot, threadId };
  }
  const password = input.password;
  const digest = await encryptBuffer(sealImage(taken, input, report), input.partial, password, (fraction) => report('Đang mã hóa…', 0.45 + 0.25 * fraction));
  const check = await decryptFile(input.partial, password, input.name, null, (fraction) => report('Đang kiểm tra tệp đã mã hóa…', 0.7 + 0.28 * fraction));
  if (check !== digest) throw new BackupError('verify', 'Tệp sao lưu đã mã hóa đọc lại không khớp với dữ liệu. Bản sao này đã bị bỏ; hãy thử lại.');
  return { ...snapshot, threadId };
}
