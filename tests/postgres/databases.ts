/** Databases of the test cluster: the migrated template, and a copy of it for each test. */
import pg from 'pg';
import { connectionString } from '../../src/main/db/postgres';

export const TEMPLATE_DATABASE = 'antq_template';

interface Server {
  url: string;
  password: string;
}

async function asAdmin<T>(server: Server, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connectionString({ url: `${server.url}postgres`, password: server.password }) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new database (names are ours: letters, digits and _), empty or a copy of `template`. */
export const createDatabase = (server: Server, name: string, template?: string) =>
  asAdmin(server, (client) => client.query(`create database ${name}${template ? ` template ${template}` : ''}`));

/**
 * Drops a test's database once the connections closed to it have ended on the server's side too (a closed
 * pool's last connections may still be finishing). Forcing them off instead made their clients meet a
 * "terminating connection" error after the test had let them go.
 */
export const dropDatabase = (server: Server, name: string) =>
  asAdmin(server, async (client) => {
    for (let tries = 0; tries < 200; tries += 1) {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0]?.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await client.query(`drop database if exists ${name}`);
  });
