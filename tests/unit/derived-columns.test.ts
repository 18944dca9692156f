/**
 * One source per derived value (issue 15 point 4): the demo data's search texts and sort keys are what
 * the services would write for the same values. Before, demo models left out the founding decision, so
 * searching a demo model's "25/QĐ-UBND" found nothing until it was saved once.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/open';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import { generateDemoData } from '../../src/main/demo';
import { modelDerivedColumns } from '../../src/main/services/models';
import { derivedColumns } from '../../src/main/services/subjects';
import { personNameKey } from '../../src/shared/text';
import { openTestApp, tempDir } from './helpers';

describe('derived columns', () => {
  it('re-deriving every demo model, member and person changes nothing', async () => {
    const database = await openDatabase(join(tempDir(), 'demo.sqlite'));
    try {
      await generateDemoData({ db: database.db, user: SYSTEM_USER }, { scale: 0.3, seed: 11 });
      const models = await database.db
        .selectFrom('models as m')
        .innerJoin('modelTypes as t', 't.id', 'm.typeId')
        .innerJoin('wards as w', 'w.id', 'm.wardId')
        .leftJoin('neighbourhoods as n', 'n.id', 'm.neighbourhoodId')
        .select(['m.name', 'm.address', 'm.leaderName', 'm.leaderPhone', 'm.foundingDecision', 'm.searchText', 'm.sortKey', 't.name as typeName', 'w.name as wardName', 'n.name as neighbourhoodName'])
        .execute();
      expect(models.length).toBeGreaterThan(20);
      for (const model of models) expect({ searchText: model.searchText, sortKey: model.sortKey }).toEqual(modelDerivedColumns(model));

      const members = await database.db.selectFrom('modelMembers').select(['fullName', 'sortKey']).execute();
      expect(members.length).toBeGreaterThan(50);
      for (const member of members) expect(member.sortKey).toBe(personNameKey(member.fullName));

      const people = await database.db.selectFrom('subjects').selectAll().execute();
      expect(people.length).toBeGreaterThan(20);
      for (const person of people) {
        expect({ birthSort: person.birthSort, nameFold: person.nameFold, searchText: person.searchText, sortKey: person.sortKey }).toEqual(derivedColumns(person));
      }
    } finally {
      database.close();
    }
  });

  it("finds a demo model by its founding decision's number, as a saved one is found", async () => {
    const app = await openTestApp();
    await generateDemoData(app.workspace.context(), { scale: 0.2, seed: 5 });
    const [model] = await app.query<{ name: string; decision: string }>('select name, founding_decision as decision from models where founding_decision is not null order by name limit 1');
    if (!model) throw new Error('The demo data has no model with a founding decision.');
    const found = await app.call('models.list', { search: model.decision, limit: 500 });
    expect(found.rows.map((row) => row.name)).toContain(model.name);
  });
});
