// The engine stays pure: only relative imports inside src/engine, and none of the browser, clocks or unseeded randomness.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const engineDir = resolve(import.meta.dirname, '../../src/engine');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const forbidden: [RegExp, string][] = [
  [/\b(document|window|navigator|localStorage|indexedDB)\s*\./, 'the DOM or a global of the browser'],
  // As bare identifiers, not only as `x.`: a cast such as `(globalThis as …).performance` slips past a property pattern.
  [/(?<![\w$.])(performance|globalThis|self)(?![\w$])/, 'the global object or its clock (take a `now` clock as an argument)'],
  // `Date.now` without a call too: passed as a default clock, it is read all the same.
  [/\bDate\.now\b|new Date\(\)/, 'the clock (take `now` as an argument)'],
  [/\bMath\.random\(/, 'unseeded randomness'],
  [/\bset(Timeout|Interval)\(/, 'timers'],
];

describe('the engine layer', () => {
  const files = sourceFiles(engineDir);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it('imports only its own modules (no Dexie, Svelte, d3, DOM or Node packages)', () => {
    const outside: string[] = [];
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
        const target = resolve(file, '..', match[1]);
        if (!match[1].startsWith('.') || relative(engineDir, target).startsWith('..')) outside.push(`${relative(engineDir, file)} → ${match[1]}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('uses no browser globals, clocks, timers or unseeded randomness', () => {
    const found: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      for (const [pattern, what] of forbidden) if (pattern.test(code)) found.push(`${relative(engineDir, file)} uses ${what}`);
    }
    expect(found).toEqual([]);
  });
});
