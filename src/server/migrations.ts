// The server's schema, as numbered SQL migrations that run the same on PGlite and PostgreSQL.
import type { SqlDb } from './sql.ts';

const MIGRATIONS: string[] = [
  `
  -- Every record of the board (streams, stages, cards, …) as JSON, with the keys the rules look records up by.
  create table records (
    tbl text not null,
    id text not null,
    stream_id text,
    cell_id text,
    stage_id text,
    active boolean not null default false,
    body jsonb not null,
    primary key (tbl, id)
  );
  create index records_stream on records (tbl, stream_id);
  create index records_cell on records (tbl, cell_id);
  create index records_active_cards on records (stream_id, stage_id) where tbl = 'cards' and active;

  -- The append-only log: one global sequence over every stream, the order every screen applies events in.
  create table events (
    seq bigserial primary key,
    stream_id text not null,
    command_id text not null,
    device text,
    body jsonb not null
  );
  create index events_stream on events (stream_id, seq);
  create index events_command on events (command_id);

  -- Commands applied, so a retried command id is applied once.
  create table commands (
    command_id text primary key,
    seq bigint not null,
    device text,
    applied_at bigint not null
  );

  -- One row every command locks first: commands are applied one at a time, so sequence order is commit order.
  create table heads (id text primary key, seq bigint not null default 0);
  insert into heads (id, seq) values ('board', 0);

  -- Join links: the token itself is never stored, only its SHA-256.
  create table tokens (
    id text primary key,
    hash text not null unique,
    role text not null check (role in ('viewer', 'operator', 'coordinator')),
    label text not null,
    created_at bigint not null,
    revoked_at bigint
  );
  `,
  `
  -- One demand per part: a loop keeps the share of its part's demand it covers (the same mapping as the browser's
  -- schema version 6). A part without demand first takes the largest demand of its loops.
  update records p set body = jsonb_set(p.body, '{demandPerDay}', to_jsonb(m.d))
  from (
    select stream_id, body->>'partNumber' as pn, max((body->>'demandPerDay')::float8) as d
    from records where tbl = 'loops' and body ? 'demandPerDay' group by stream_id, body->>'partNumber'
  ) m
  where p.tbl = 'parts' and p.stream_id = m.stream_id and p.body->>'partNumber' = m.pn
    and coalesce((p.body->>'demandPerDay')::float8, 0) <= 0 and m.d > 0;
  update records l set body = (l.body - 'demandPerDay') || jsonb_build_object('demandShare', coalesce((
    select case when (l.body->>'demandPerDay')::float8 > 0 and (p.body->>'demandPerDay')::float8 > 0
      then least(1, (l.body->>'demandPerDay')::float8 / (p.body->>'demandPerDay')::float8) else 1 end
    from records p where p.tbl = 'parts' and p.stream_id = l.stream_id and p.body->>'partNumber' = l.body->>'partNumber' limit 1
  ), 1))
  where l.tbl = 'loops' and l.body ? 'demandPerDay'
  `,
];

/** Brings the database up to the newest schema; each migration runs once, in its own transaction. */
export async function migrate(db: SqlDb): Promise<number> {
  await db.query('create table if not exists schema_migrations (version integer primary key, applied_at bigint not null)');
  const done = new Set((await db.query('select version from schema_migrations')).map((r) => Number(r.version)));
  let applied = 0;
  for (const [k, sql] of MIGRATIONS.entries()) {
    const version = k + 1;
    if (done.has(version)) continue;
    await db.transaction(async (q) => {
      for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) await q(statement);
      await q('insert into schema_migrations (version, applied_at) values ($1, $2)', [version, Date.now()]);
    });
    applied++;
  }
  return applied;
}
