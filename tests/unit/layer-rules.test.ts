/**
 * The layer rules of eslint.config.js (issue 15 point 6), each probed with an import it must refuse and
 * one it must allow, through ESLint itself: a rule that silently stopped matching would pass lint forever.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The no-restricted-imports messages for one import line placed in `file` (a probe: the file need not exist). */
async function refusals(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const probe = value;\n`, { filePath: file });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('layer rules in lint', () => {
  it.each([
    ['the shared layer never imports Node', 'src/shared/probe.ts', "import { value } from 'node:fs';"],
    ['the shared layer never imports the main process', 'src/shared/probe.ts', "import { value } from '../main/workspace';"],
    ['the renderer never imports the main process', 'src/renderer/src/features/probe.ts', "import { value } from '../../../main/services/models';"],
    ['the renderer never imports Node', 'src/renderer/src/probe.ts', "import { value } from 'node:path';"],
    ['the renderer never opens the database itself', 'src/renderer/src/probe.ts', "import { value } from 'better-sqlite3';"],
    ['db/ never imports services', 'src/main/db/probe.ts', "import { value } from '../services/backup';"],
    ['db/ never imports a host', 'src/main/db/probe.ts', "import { value } from '../host/server';"],
    ['db/ never imports the CLI', 'src/main/db/probe.ts', "import { value } from '../cli/backup';"],
    ['services never import a host', 'src/main/services/probe.ts', "import { value } from '../host/http';"],
    ['services never import Electron', 'src/main/services/probe.ts', "import { value } from 'electron';"],
    ['services never import the handler table', 'src/main/services/probe.ts', "import { value } from '../api';"],
    ["services never import a domain's handlers", 'src/main/services/probe.ts', "import { value } from '../handlers/models';"],
    ['services never import the CLI', 'src/main/services/probe.ts', "import { value } from '../cli/exchange';"],
    ['services never import the CLI', 'src/main/services/probe.ts', "import { value } from '../cli-exchange';"],
    ['services a folder deeper never import a host', 'src/main/services/backup/probe.ts', "import { value } from '../../host/server';"],
    ['the Electron glue never imports services', 'src/main/electron/probe.ts', "import { value } from '../services/models';"],
    ['the Electron glue never imports the web host', 'src/main/electron/probe.ts', "import { value } from '../host/server';"],
    ["the Electron glue never imports a domain's handlers", 'src/main/electron/probe.ts', "import { value } from '../handlers/backup';"],
    // One folder deeper (a domain folder): the same refusals, climbing one more level.
    ['a service in a domain folder never imports a host', 'src/main/services/imports/probe.ts', "import { value } from '../../host/server';"],
    ['a service in a domain folder never imports the handler table', 'src/main/services/imports/probe.ts', "import { value } from '../../api';"],
    ['a service in a domain folder never imports the CLI', 'src/main/services/imports/probe.ts', "import { value } from '../../cli/exchange';"],
    ['a service in a domain folder never imports the main entry', 'src/main/services/imports/probe.ts', "import { value } from '../../index';"],
    ['db/ in a subfolder never imports services', 'src/main/db/probe/probe.ts', "import { value } from '../../services/models';"],
    ['the Electron glue in a subfolder never imports services', 'src/main/electron/probe/probe.ts', "import { value } from '../../services/models';"],
    ['the shared layer in a subfolder never imports the main process', 'src/shared/imports/probe.ts', "import { value } from '../../main/workspace';"],
  ])('%s', async (_rule, file, source) => {
    expect(await refusals(file, source)).toHaveLength(1);
  });

  it.each([
    ['the renderer imports the shared layer', 'src/renderer/src/features/probe.ts', "import { value } from '../../../shared/text';"],
    ['db/ imports the shared layer and its neighbours', 'src/main/db/probe.ts', "import { value } from '../file-head';"],
    ['services import db/', 'src/main/services/probe.ts', "import { value } from '../db/open';"],
    ['services a folder deeper import db/, sibling services and their own folder', 'src/main/services/backup/probe.ts', "import { value } from '../../db/open';\nimport { other } from '../context';\nimport { third } from './index';"],
    ['the Electron glue imports the handler table', 'src/main/electron/probe.ts', "import { value } from '../api';"],
    ['a host imports the handler table', 'src/main/host/probe.ts', "import { value } from '../api';"],
    ["a domain's handlers import its service", 'src/main/handlers/probe.ts', "import { value } from '../services/models';"],
    ['a service in a domain folder imports a sibling service', 'src/main/services/imports/probe.ts', "import { value } from '../models';"],
    ['a service in a domain folder imports another domain by its folder', 'src/main/services/imports/probe.ts', "import { value } from '../backup';"],
    ['a service in a domain folder imports its neighbours', 'src/main/services/imports/probe.ts', "import { value } from './session';"],
    ['a service in a domain folder imports db/', 'src/main/services/imports/probe.ts', "import { value } from '../../db/bulk';"],
    ['a service in a domain folder imports the shared contract', 'src/main/services/imports/probe.ts', "import { value } from '../../../shared/api';"],
    ['the shared layer in a subfolder imports the shared layer', 'src/shared/imports/probe.ts', "import { value } from '../text';"],
    ['the Electron glue in a subfolder imports the handler table', 'src/main/electron/probe/probe.ts', "import { value } from '../../api';"],
  ])('%s', async (_rule, file, source) => {
    expect(await refusals(file, source)).toEqual([]);
  });
});
