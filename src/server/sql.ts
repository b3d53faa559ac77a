// One small SQL interface over both stores the server runs on: embedded PGlite (a data folder) or PostgreSQL (DATABASE_URL).
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

export type Row = Record<string, unknown>;
/** Runs one statement with $1, $2, … parameters and returns its rows. */
export type Query = (text: string, params?: unknown[]) => Promise<Row[]>;

export interface SqlDb {
  readonly kind: 'pglite' | 'postgres';
  query: Query;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  /** Calls `onNotify` with each NOTIFY payload sent on `channel`, from this process or any other on the same database. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

export async function openPglite(dataDir: string): Promise<SqlDb> {
  const pg = await PGlite.create(dataDir);
  const run = (q: { query: PGlite['query'] }): Query => async (text, params = []) => (await q.query<Row>(text, params)).rows;
  return {
    kind: 'pglite',
    query: run(pg),
    transaction: (work) => pg.transaction((tx) => work(run(tx))),
    async listen(channel, onNotify) {
      await pg.listen(channel, onNotify);
    },
    close: () => pg.close(),
  };
}

export async function openPostgres(url: string): Promise<SqlDb> {
  // A command holds one connection from BEGIN to COMMIT; commands on one stream wait on its lock, not on the pool.
  const sql = postgres(url, { max: Number(process.env.TAKTBOARD_PG_POOL ?? 10), onnotice: () => {} });
  // postgres.js hands int8 back as text; every number this server stores fits a double. The statement texts are a
  // fixed set, so each is prepared once per connection and then only bound and executed.
  const run = (q: postgres.Sql | postgres.TransactionSql): Query => async (text, params = []) =>
    (await q.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as Row[];
  await sql`select 1`;
  return {
    kind: 'postgres',
    query: run(sql),
    transaction: async (work) => (await sql.begin((tx) => work(run(tx)))) as never,
    async listen(channel, onNotify) {
      await sql.listen(channel, onNotify);
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

export function openSql(options: { databaseUrl?: string; dataDir: string }): Promise<SqlDb> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
