// The sync server's data gets the same one-demand-per-part mapping as the browser's schema version 6.
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/server/migrations.ts';
import type { Query, SqlDb } from '../../../src/server/sql.ts';

async function memoryPglite(): Promise<SqlDb> {
  const pg = await PGlite.create();
  const run = (q: { query: PGlite['query'] }): Query => async (text, params = []) => (await q.query<Record<string, unknown>>(text, params)).rows;
  return {
    kind: 'pglite',
    query: run(pg),
    transaction: (work) => pg.transaction((tx) => work(run(tx))),
    listen: async (channel, cb) => void (await pg.listen(channel, cb)),
    close: () => pg.close(),
  };
}

describe('server migration 2: loops keep a share of their part\'s demand', () => {
  it('turns each stored loop\'s demand into a share of its part\'s (clamped to 1); a part without demand takes its loop\'s', async () => {
    const db = await memoryPglite();
    await migrate(db);
    const put = (tbl: string, body: Record<string, unknown>) =>
      db.query('insert into records (tbl, id, stream_id, body) values ($1, $2, $3, $4)', [tbl, body.id, body.streamId, JSON.stringify(body)]);
    await put('parts', { id: 'p1', streamId: 's1', partNumber: 'A-1', demandPerDay: 400 });
    await put('parts', { id: 'p2', streamId: 's1', partNumber: 'B-1', demandPerDay: 0 });
    await put('loops', { id: 'l1', streamId: 's1', partNumber: 'A-1', demandPerDay: 100 });
    await put('loops', { id: 'l2', streamId: 's1', partNumber: 'A-1', demandPerDay: 600 });
    await put('loops', { id: 'l3', streamId: 's1', partNumber: 'B-1', demandPerDay: 70 });
    await put('loops', { id: 'l4', streamId: 's1', partNumber: 'C-1', demandPerDay: 30 });
    // Run migration 2 again over the old-format records.
    await db.query('delete from schema_migrations where version = 2');
    expect(await migrate(db)).toBe(1);
    const rows = await db.query("select id, body from records where tbl in ('parts', 'loops') order by id");
    const body = (id: string) => rows.find((r) => r.id === id)!.body as Record<string, unknown>;
    expect(['l1', 'l2', 'l3', 'l4'].map((id) => body(id).demandShare)).toEqual([0.25, 1, 1, 1]);
    expect(['l1', 'l2', 'l3', 'l4'].every((id) => !('demandPerDay' in body(id)))).toBe(true);
    expect([body('p1').demandPerDay, body('p2').demandPerDay]).toEqual([400, 70]);
    await db.close();
  }, 60_000);
});
