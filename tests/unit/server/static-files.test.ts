// The server's built app: the service worker and index.html are revalidated on every load, hashed assets are kept.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/server/app.ts';
import { cacheControlFor } from '../../../src/server/headers.ts';
import { migrate } from '../../../src/server/migrations.ts';
import type { Query, SqlDb } from '../../../src/server/sql.ts';
import { BoardStore } from '../../../src/server/store.ts';
import { Tokens } from '../../../src/server/tokens.ts';

let app: FastifyInstance;
let db: SqlDb;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'taktboard-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Taktboard</title>');
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'assets', 'index-DzYQW8KJ.js'), 'export {};');
  const pg = await PGlite.create();
  const run = (q: { query: PGlite['query'] }): Query => async (text, params = []) => (await q.query<Record<string, unknown>>(text, params)).rows;
  db = { kind: 'pglite', query: run(pg), transaction: (w) => pg.transaction((tx) => w(run(tx))), listen: async (c, cb) => void (await pg.listen(c, cb)), close: () => pg.close() };
  await migrate(db);
  ({ app } = await buildServer({ store: new BoardStore(db), tokens: new Tokens(db), distDir: dist }));
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the built app as the server serves it', () => {
  it('serves the service worker as JavaScript, never from a long-lived cache, under the strict CSP', async () => {
    const response = await app.inject({ method: 'GET', url: '/sw.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toMatch(/worker-src 'self'/);
  });

  it('revalidates index.html and keeps content-hashed assets for a year', async () => {
    expect((await app.inject({ method: 'GET', url: '/' })).headers['cache-control']).toBe('no-cache');
    expect((await app.inject({ method: 'GET', url: '/assets/index-DzYQW8KJ.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('treats only hashed names under assets/ as never changing', () => {
    expect(cacheControlFor('/srv/dist/assets/engine.worker-DulveY46.js')).toMatch(/immutable/);
    expect(cacheControlFor('C:\\dist\\assets\\index-DmsBhDv6.css')).toMatch(/immutable/);
    expect(cacheControlFor('/srv/dist/sw.js')).toBe('no-cache');
    expect(cacheControlFor('/srv/dist/workbox-d8ed3718.js')).toBe('no-cache');
    expect(cacheControlFor('/srv/dist/manifest.webmanifest')).toBe('no-cache');
    expect(cacheControlFor('/srv/dist/demo-line.json')).toBe('no-cache');
  });
});
