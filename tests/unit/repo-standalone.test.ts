// A clone must work on its own: nothing the project ships may reach for a folder beside the repository.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const roots = ['src', 'tests', 'scripts', 'docs', 'README.md', 'package.json', 'vite.config.ts', 'playwright.config.ts', '.ci'];
const textFile = /\.(ts|mts|mjs|js|svelte|json|md|html|css|sh)$|^run$/;

function files(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))));
}

/** The spellings a path to the sibling folder takes: dot-dot-slash and its name, or the two handed to path.join/resolve. */
const sibling = new RegExp(['\\.\\./sha' + 'red', "['\"]\\.\\.['\"]\\s*,\\s*['\"]sha" + "red['\"]"].join('|'));

describe('the repository stands on its own', () => {
  const checked = roots.flatMap((r) => files(join(root, r))).filter((f) => textFile.test(f.split('/').pop()!));

  it('has files to check', () => {
    expect(checked.length).toBeGreaterThan(50);
  });

  it('refers to no folder beside the clone', () => {
    const found = checked.filter((f) => sibling.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(found).toEqual([]);
  });

  it('ships the benchmark data its tests read', () => {
    const data = join(root, 'tests/data/salbp');
    expect(readdirSync(join(data, 'scholl')).filter((f) => f.endsWith('.IN2'))).toHaveLength(25);
    expect(readFileSync(join(data, 'scholl_salbp1.csv'), 'latin1').trim().split('\n')).toHaveLength(270);
  });
});
