// Makes sure PostgreSQL's server programs are there for the server tests: Debian's package, installed with apt when we are root.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The newest /usr/lib/postgresql/N/bin that has initdb and pg_ctl, or PG_BIN if set. */
export function postgresBin() {
  if (process.env.PG_BIN) return existsSync(path.join(process.env.PG_BIN, 'pg_ctl')) ? process.env.PG_BIN : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

export function ensurePostgres() {
  const found = postgresBin();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      'ensure-postgres: PostgreSQL is not installed and this user cannot install it.\n' +
        '  On Debian/Ubuntu run: sudo apt-get install -y postgresql\n' +
        '  or point the tests at its programs: PG_BIN=/usr/lib/postgresql/15/bin npm test',
    );
  }
  console.log("ensure-postgres: installing Debian's postgresql with apt-get (once per machine)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
  const bin = postgresBin();
  if (!bin) throw new Error('ensure-postgres: postgresql was installed but initdb/pg_ctl were not found.');
  return bin;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`ensure-postgres: using ${ensurePostgres()}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
