// The layers stay honest: views never touch the database tables or Dexie, the engine and the sync protocol stay pure,
// and nothing in the browser imports the server.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
const imports = (file: string) => [...code(file).matchAll(/^\s*(?:import|export)\b[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
const TABLE_ACCESS = /\bdb\.(streams|parts|loops|stages|cards|events|cells|stations|workElements|scenarios|settings|outbox|transaction|table)\b/;

describe('the layers', () => {
  const ui = files(join(src, 'ui'), /\.(svelte|ts)$/);

  it('has views to check', () => {
    expect(ui.filter((f) => f.endsWith('.svelte')).length).toBeGreaterThan(20);
  });

  it('views read through named queries and write through commands: no Dexie, no table access in src/ui', () => {
    const found = ui.filter((f) => imports(f).includes('dexie') || TABLE_ACCESS.test(code(f))).map((f) => relative(src, f));
    expect(found).toEqual([]);
  });

  it('components import nothing from src/db: they read through the state modules (app.read, StreamState)', () => {
    const found = ui.filter((f) => f.endsWith('.svelte') && imports(f).some((i) => /^(\.\.\/)+db\//.test(i))).map((f) => relative(src, f));
    expect(found).toEqual([]);
  });

  it('the browser never imports the server, and the sync protocol does not import the database', () => {
    const browser = [...ui, ...files(join(src, 'db'), /\.ts$/), ...files(join(src, 'worker'), /\.ts$/), ...files(join(src, 'sync'), /\.ts$/)];
    const found = browser.filter((f) => imports(f).some((i) => i.includes('/server/'))).map((f) => relative(src, f));
    expect(found).toEqual([]);
    const protocol = ['sync/protocol.ts', 'sync/schemas.ts'].map((f) => join(src, f));
    expect(protocol.flatMap((f) => imports(f).filter((i) => i.includes('/db/') || i === 'dexie'))).toEqual([]);
  });

  it('the server and the database layer reach the rules only through the engine (no view code on the server)', () => {
    const server = files(join(src, 'server'), /\.ts$/);
    expect(server.filter((f) => imports(f).some((i) => i.includes('/ui/') || i.includes('/worker/'))).map((f) => relative(src, f))).toEqual([]);
  });
});
