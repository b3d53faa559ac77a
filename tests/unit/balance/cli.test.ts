// The command-line solver: one JSON line on stdout, exit code 2 and one line on stderr for bad input.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dataDir, repoRoot } from './helpers.ts';

const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const solve = (...args: string[]) =>
  spawnSync(tsx, [path.join(repoRoot, 'src', 'cli', 'solve.ts'), ...args], { encoding: 'utf8', cwd: repoRoot, timeout: 30_000 });
const jackson = path.join(dataDir, 'scholl', 'JACKSON.IN2');

describe('solve CLI', () => {
  it('prints exactly one JSON line for a SALBP-1 instance', () => {
    const r = solve(jackson, '--cycle', '10');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out).toMatchObject({ problem: 'salbp1', tasks: 11, cycle: 10, stations: 5, optimal: true, lowerBound: 5 });
    expect(out.assignment.flat().sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('solves SALBP-2 with --stations', () => {
    const r = solve(jackson, '--stations', '4', '--time-limit', '5');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ problem: 'salbp2', stations: 4, cycle: 12, optimal: true, lowerBound: 12 });
  });

  it('uses the cycle time stored in an .alb file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taktboard-'));
    const file = path.join(dir, 'small.alb');
    writeFileSync(file, '<number of tasks>\r\n3\r\n<cycle time>\r\n6\r\n<task times>\r\n1 4\r\n2 2\r\n3 3\r\n<precedence relations>\r\n1,2\r\n<end>\r\n');
    const r = solve(file);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ problem: 'salbp1', cycle: 6, stations: 2, optimal: true });
  });

  it('exits with code 2 and one line on stderr when an .IN2 file comes without --cycle or --stations', () => {
    const r = solve(jackson);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits with code 2 on a malformed file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taktboard-'));
    const file = path.join(dir, 'bad.IN2');
    writeFileSync(file, '3\n1\nzwei\n');
    const r = solve(file, '--cycle', '5');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Line 3/);
  });

  it('exits with code 2 on a cycle time shorter than a task', () => {
    const r = solve(jackson, '--cycle', '3');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/longer than the cycle time/);
  });
});
