/** Databases of the test cluster: the migrated template, and a copy of it for each test. */
import pg from 'pg';
import { connectionString } from '../../src/main/db/postgres';

export const TEMPLATE_DATABASE = 'antq_template';

interface Server {
  url: string;
  password: string;
}

async function asAdmin(server: Server, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: connectionString({ url: `${server.url}postgres`, password: server.password }) });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new database (names are ours: letters, digits and _), empty or a copy of `template`. */
export const createDatabase = (server: Server, name: string, template?: string) =>
  asAdmin(server, `create database ${name}${template ? ` template ${template}` : ''}`);

export const dropDatabase = (server: Server, name: string) => asAdmin(server, `drop database if exists ${name} with (force)`);
