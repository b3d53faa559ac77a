// Join links: random tokens (192 bits) handed out once, stored only as SHA-256 hashes, each with a role, revocable.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../sync/protocol.ts';
import type { SqlDb } from './sql.ts';

export interface Invite {
  id: string;
  role: Role;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(24).toString('base64url');

const invite = (r: Record<string, unknown>): Invite => ({
  id: String(r.id),
  role: r.role as Role,
  label: String(r.label),
  createdAt: Number(r.created_at),
  revokedAt: r.revoked_at === null || r.revoked_at === undefined ? null : Number(r.revoked_at),
});

export class Tokens {
  constructor(private readonly db: SqlDb) {}

  /** Makes a join link's token; the token is returned this once and never stored. */
  async create(role: Role, label: string, token = newToken()): Promise<{ invite: Invite; token: string }> {
    const id = randomUUID();
    const createdAt = Date.now();
    await this.db.query('insert into tokens (id, hash, role, label, created_at) values ($1, $2, $3, $4, $5) on conflict (hash) do nothing', [
      id,
      hashToken(token),
      role,
      label.slice(0, 100),
      createdAt,
    ]);
    const rows = await this.db.query('select * from tokens where hash = $1', [hashToken(token)]);
    return { invite: invite(rows[0]), token };
  }

  /** The invite a token belongs to, if it exists and is not revoked. */
  async verify(token: string | undefined): Promise<Invite | null> {
    if (!token || token.length > 200) return null;
    const rows = await this.db.query('select * from tokens where hash = $1 and revoked_at is null', [hashToken(token)]);
    return rows.length ? invite(rows[0]) : null;
  }

  async list(): Promise<Invite[]> {
    return (await this.db.query('select * from tokens order by created_at')).map(invite);
  }

  async revoke(id: string): Promise<boolean> {
    const rows = await this.db.query('update tokens set revoked_at = $1 where id = $2 and revoked_at is null returning id', [Date.now(), id]);
    return rows.length > 0;
  }

  async count(): Promise<number> {
    return Number((await this.db.query('select count(*)::int as n from tokens'))[0].n);
  }
}
