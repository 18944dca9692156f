/**
 * `npm run test:pg`: one throwaway cluster for the run, and a template database migrated once, which each
 * test copies (`create database … template`) instead of running the migrations again.
 */
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/main/db/postgres';
import { startCluster } from './cluster';
import { createDatabase, TEMPLATE_DATABASE } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { url: string; password: string } | undefined;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  try {
    await createDatabase(cluster, TEMPLATE_DATABASE);
    const template = await openPostgres({ url: cluster.url + TEMPLATE_DATABASE, password: cluster.password });
    await template.close();
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide('postgres', { url: cluster.url, password: cluster.password });
  return () => cluster.stop();
}
