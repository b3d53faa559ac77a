// The simulate command line: one JSON line on stdout; a bad model file gets exit code 2 and one line naming the field.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'simulate-cli-'));
const simulate = (model: unknown, ...args: string[]) => {
  const file = path.join(dir, `model-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof model === 'string' ? model : JSON.stringify(model));
  return spawnSync(tsx, [path.join(repoRoot, 'src', 'cli', 'simulate.ts'), file, ...args], { encoding: 'utf8', cwd: repoRoot, timeout: 60_000 });
};

const issueExample = {
  stages: [{ name: 'Cut', time: { dist: 'exponential', mean: 60 } }],
  control: { mode: 'conwip', cards: 5 },
  demand: { mode: 'saturated' },
  hours: 200,
  warmupHours: 10,
  replications: 5,
  seed: 1,
};

describe('simulate CLI', () => {
  it("prints one JSON line with the issue's fields for the issue's example model", () => {
    const r = simulate(issueExample);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    // One exponential station that never starves works all the time at 60 an hour.
    expect(out.throughputPerHour.mean).toBeGreaterThan(55);
    expect(out.throughputPerHour.mean).toBeLessThan(65);
    expect(out.throughputPerHour.ci95[0]).toBeLessThan(out.throughputPerHour.ci95[1]);
    for (const key of ['mean', 'p50', 'p85', 'p95']) expect(typeof out.leadTimeSeconds[key]).toBe('number');
    expect(out.wip.mean).toBeCloseTo(5, 6);
    expect(out.fillRate.mean).toBe(1);
    expect(out.stages).toEqual([{ name: 'Cut', busy: 1, blocked: 0, starved: 0, down: 0 }]);
    expect(out.replications).toBe(5);
  });

  it('--replications and --seed override the file', () => {
    const a = JSON.parse(simulate(issueExample, '--replications', '2', '--seed', '4').stdout);
    expect(a.replications).toBe(2);
    expect(a.seed).toBe(4);
  });

  it('a wrong distribution name gets exit 2 and one line naming the field', () => {
    const r = simulate({ ...issueExample, stages: [{ name: 'Cut', time: { dist: 'expo', mean: 60 } }] });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('stages.0.time.dist');
  });

  it('CONWIP without cards, a negative mean and a misspelt key are each named', () => {
    expect(simulate({ ...issueExample, control: { mode: 'conwip' } }).stderr).toContain('control.cards');
    const negative = simulate({ ...issueExample, stages: [{ name: 'Cut', time: { dist: 'exponential', mean: -1 } }] });
    expect(negative.status).toBe(2);
    expect(negative.stderr).toContain('stages[0].time.mean');
    expect(simulate({ ...issueExample, hourz: 5 }).stderr).toContain('hourz');
    expect(simulate({ ...issueExample, control: { mode: 'kanban' } }).stderr).toContain('stages[0].cards');
  });

  it('a file that is not JSON and a bad flag get exit 2', () => {
    expect(simulate('{ not json').status).toBe(2);
    const r = simulate(issueExample, '--replications', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--replications');
  });
});
