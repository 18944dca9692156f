/**
 * A throwaway PostgreSQL cluster for `npm run test:pg` (issue 18 point 5): Debian's `postgresql` package,
 * `initdb` into a temp folder, started on a free port of 127.0.0.1 with password sign-in, stopped and removed
 * afterwards. As root (CI), the server runs as the `postgres` account, as PostgreSQL requires.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  /** postgres://antq@127.0.0.1:PORT/ : add the database name. */
  url: string;
  password: string;
  stop(): void;
}

const USER = 'antq';

/** The newest installed server's programs (Debian keeps them out of PATH). */
function serverBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed: apt-get install postgresql (the .ci/run script does).');
  return join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = serverBin();
  const dir = mkdtempSync(join(tmpdir(), 'antq-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? (execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim() + ':' + execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()) : null;
  const run = (program: string, args: string[]) => {
    const [file, fileArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];
    execFileSync(file, fileArgs, { stdio: 'pipe' });
  };
  const password = `pw-${crypto.randomUUID()}`;
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, password, { mode: 0o600 });
  if (owner) {
    const [uid, gid] = owner.split(':').map(Number) as [number, number];
    chownSync(dir, uid, gid);
    chownSync(passwordFile, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', USER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  // Durability is not what these tests check: without fsync the suite runs several times faster.
  const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', settings, 'start']);
  return {
    url: `postgres://${USER}@127.0.0.1:${port}/`,
    password,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        // The server's log (each refused statement with its reason) kept where ANTQ_PG_LOG says, to read after a failed run.
        if (process.env.ANTQ_PG_LOG) copyFileSync(join(dir, 'server.log'), process.env.ANTQ_PG_LOG);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
