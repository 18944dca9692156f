/**
 * Issue 15, point 1: the command line is a client of the contract. Its calls go through handleRequest
 * (the same validation, errors and access table as the app's hosts), and the reason an API error
 * carries gives the CLI its exit code.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openClient, withClient } from '../../src/main/cli/client';
import { EXIT, exitCodeOf } from '../../src/main/cli/exit-codes';
import { DATA_FILE_NAME } from '../../src/main/workspace';
import { ApiError } from '../../src/shared/errors';
import { openTestApp, tempDir } from './helpers';

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as ApiError);

describe('the CLI client', () => {
  it('answers as the app does: the same validation error for the same bad input', async () => {
    const app = await openTestApp();
    const bad = { name: '', typeId: 'khong-phai-ma' };
    const fromApp = await app.request('models.create', bad);
    await app.workspace.close();
    const fromCli = await withClient({ dataDir: app.dir }, (client) => failure(client.call('models.create', bad as never)));
    expect(fromApp.ok).toBe(false);
    expect(fromCli).toBeInstanceOf(ApiError);
    expect(fromCli?.toBody()).toEqual(fromApp.ok ? null : fromApp.error);
    expect(exitCodeOf(fromCli)).toBe(EXIT.failed);
  });

  it('gives a backup failure its own exit code through the error reason', async () => {
    const dir = tempDir();
    const client = await openClient({ dataDir: dir });
    try {
      const missing = await failure(client.call('backup.inspect', { file: { path: join(dir, 'khong-co.antqbak') } }));
      expect(missing?.reason).toBe('bad_file');
      expect(exitCodeOf(missing)).toBe(EXIT.badFile);
    } finally {
      await client.close();
    }
  });

  it('refuses a folder with no data file, and creates none there', async () => {
    const dir = tempDir();
    const refused = await failure(openClient({ dataDir: dir, missingExitCode: EXIT.unavailable }));
    expect(exitCodeOf(refused)).toBe(EXIT.unavailable);
    expect(existsSync(join(dir, DATA_FILE_NAME))).toBe(false);
  });
});
