// The test command's browser check: a browser it can use is accepted, a wrong one stops the run with what to do.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, '../../scripts/ensure-chromium.mjs');
const run = (env: Record<string, string>) => spawnSync(process.execPath, [script], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('ensure-chromium', () => {
  it('stops with a message naming CHROMIUM_PATH when the browser given there does not run', () => {
    const result = run({ CHROMIUM_PATH: '/nonexistent/chrome' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/CHROMIUM_PATH=\/nonexistent\/chrome does not run\. Point CHROMIUM_PATH at a working Chromium/);
  });

  it('accepts a browser that answers --version', () => {
    // Any program that prints a version and exits 0 stands in for a browser here.
    const result = run({ CHROMIUM_PATH: process.execPath });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ensure-chromium: using v\d+/);
  });
});
