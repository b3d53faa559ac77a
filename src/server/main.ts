// `npm start`: one Node process serves the built app and the sync server, on PGlite in a data folder or on DATABASE_URL.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { safeParse, type Backup } from '../db/backup.ts';
import { shiftDemoTimes } from '../db/seed.ts';
import { buildServer } from './app.ts';
import { migrate } from './migrations.ts';
import { publishBackup } from './publish.ts';
import { openSql } from './sql.ts';
import { BoardStore } from './store.ts';
import { Tokens } from './tokens.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    lan: { type: 'boolean', default: false },
    data: { type: 'string', default: process.env.TAKTBOARD_DATA ?? path.join(root, 'data') },
    'new-admin-link': { type: 'boolean', default: false },
    'tls-cert': { type: 'string', default: process.env.TAKTBOARD_TLS_CERT },
    'tls-key': { type: 'string', default: process.env.TAKTBOARD_TLS_KEY },
    'no-demo': { type: 'boolean', default: false },
  },
});

async function seedDemo(store: BoardStore) {
  const parsed = safeParse(readFileSync(path.join(root, 'static', 'demo-line.json'), 'utf8')) as Backup;
  const result = await publishBackup(store, shiftDemoTimes(parsed, Date.now()), 'demo');
  if (!result.ok) throw new Error(`The demo line could not be loaded: ${result.error}`);
}

/** The certificate and key to serve https with, when both are given; one without the other is a mistake worth stopping for. */
function readTls(): { cert: Buffer; key: Buffer } | undefined {
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile) throw new Error('https needs both --tls-cert and --tls-key (PEM files).');
  return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

async function main() {
  const tls = readTls();
  const scheme = tls ? 'https' : 'http';
  const databaseUrl = process.env.DATABASE_URL;
  const started = Date.now();
  const db = await openSql({ databaseUrl, dataDir: values.data! });
  await migrate(db);
  const store = new BoardStore(db);
  const tokens = new Tokens(db);
  if (!values['no-demo'] && (await store.isEmpty())) await seedDemo(store);

  const host = values.lan ? '0.0.0.0' : values.host!;
  const port = Number(values.port);
  const shown = values.lan ? 'THIS-PC-ADDRESS' : host;
  const links: string[] = [];
  if (process.env.TAKTBOARD_ADMIN_TOKEN) await tokens.create('coordinator', 'admin (from TAKTBOARD_ADMIN_TOKEN)', process.env.TAKTBOARD_ADMIN_TOKEN);
  else if (values['new-admin-link'] || (await tokens.count()) === 0) {
    const { token } = await tokens.create('coordinator', 'first-run admin');
    links.push(`${scheme}://${shown}:${port}/#/join/${token}`);
  }

  const { app } = await buildServer({ store, tokens, distDir: path.join(root, 'dist'), tls });
  await app.listen({ host, port });
  console.log(`Taktboard at ${scheme}://${shown}:${port}  (store: ${db.kind === 'pglite' ? `PGlite in ${values.data}` : 'PostgreSQL'}; ready in ${Date.now() - started} ms)`);
  for (const link of links) console.log(`Coordinator join link (keep it private; shown once): ${link}`);

  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`Taktboard server could not start: ${(error as Error).message}`);
  process.exit(1);
});
