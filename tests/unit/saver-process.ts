/** The saving app of the concurrency test and bench: tests/unit/fixtures/saver.ts as a child process. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Cell } from './import-helpers';
import { onLines } from './child-lines';

const projectRoot = join(import.meta.dirname, '..', '..');

export interface Save {
  id: string;
  ms: number;
  /** When the acknowledgement arrived (performance.now() of this process). */
  at: number;
}

export interface Saver {
  /** Resolves once the child has saved `count` records. */
  saved(count: number): Promise<void>;
  /** Asks the child to stop after its current save, and resolves with everything it reported. */
  stop(): Promise<{ saves: Save[]; failures: string[] }>;
}

export function startSaver(dataDir: string): Saver {
  const child = spawn(process.execPath, ['--import', 'tsx', join('tests', 'unit', 'fixtures', 'saver.ts'), dataDir], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  const saves: Save[] = [];
  const failures: string[] = [];
  let stderr = '';
  const waiting: { count: number; resolve: () => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  onLines(child.stdout, (line) => {
    const [word, first, second] = line.split(' ');
    if (word === 'saved') saves.push({ id: first as string, ms: Number(second), at: performance.now() });
    else if (word === 'failed') failures.push(line);
    for (const wait of waiting.filter((candidate) => saves.length >= candidate.count)) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  });
  return {
    saved: (count) =>
      new Promise<void>((resolve, reject) => {
        if (saves.length >= count) return resolve();
        waiting.push({ count, resolve });
        void exited.then((code) => reject(new Error(`the saver exited (${code}) before ${count} saves: ${stderr}`)));
      }),
    async stop() {
      child.stdin.end('stop\n');
      const code = await exited;
      if (code !== 0) throw new Error(`the saver exited with ${code}: ${stderr}`);
      return { saves, failures };
    },
  };
}

export const ROSTER_HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Nơi ở hiện nay', 'Phường', 'Diện đối tượng', 'Ngày bắt đầu giúp đỡ'];

/** `count` different people of a seeded ward and category: every row is added, none is a likely duplicate. */
export const rosterRows = (count: number): Cell[][] =>
  Array.from({ length: count }, (_, index) => [index + 1, `Phạm Văn Số ${index + 1}`, 1950 + (index % 50), index % 2 === 0 ? 'Nam' : 'Nữ', null, `${index} Hậu Giang`, 'Phường Bình Tiên', 'Người chấp hành xong án phạt tù về địa phương', '12/03/2024']);
