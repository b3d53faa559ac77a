// The server over https: what a plant runs when its screens must start offline, keep their storage and use the camera
// (browsers allow those only on a secure origin). The real server process, with the test-only certificate.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../../free-port.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const cert = path.join(root, 'tests', 'data', 'tls', 'test-only.crt');
const key = path.join(root, 'tests', 'data', 'tls', 'test-only.key');
const ca = readFileSync(cert);
const ADMIN = 'tls-test-admin-token-0123456789abcdef';

/** Runs the server as `npm run server -- …` does; resolves with everything it printed once it exits or says it is ready. */
function startServer(args: string[], env: Record<string, string> = {}): { child: ChildProcess; output: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', TAKTBOARD_TLS_CERT: '', TAKTBOARD_TLS_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const output = new Promise<string>((resolve) => {
    const take = (d: Buffer) => {
      text += d;
      if (/Taktboard at /.test(text)) resolve(text);
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', () => resolve(text));
  });
  return { child, output };
}

function get(url: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (response) => {
      let body = '';
      response.on('data', (d) => (body += d));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

let server: { child: ChildProcess; output: Promise<string> };
let port = 0;
let data = '';

beforeAll(async () => {
  port = await freePort();
  data = mkdtempSync(path.join(tmpdir(), 'taktboard-tls-'));
  server = startServer(['--port', String(port), '--data', data, '--no-demo', '--tls-cert', cert, '--tls-key', key], { TAKTBOARD_ADMIN_TOKEN: ADMIN });
  await server.output;
}, 120_000);

afterAll(async () => {
  if (server?.child.exitCode === null) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
  rmSync(data, { recursive: true, force: true });
});

describe('the server over https', () => {
  it('says it serves https, and answers https with the app headers', async () => {
    expect(await server.output).toContain(`Taktboard at https://127.0.0.1:${port}`);
    const health = await get(`https://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true, store: 'pglite' });
    expect(health.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(health.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a client that does not trust the certificate (it is a real TLS handshake)', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const req = request(`https://127.0.0.1:${port}/api/health`, { ca: [] }, resolve);
        req.once('error', reject);
        req.end();
      }),
    ).rejects.toThrow(/self[- ]signed|certificate/i);
  });

  it('carries the sync protocol over wss: a joined screen is welcomed with its role', async () => {
    const socket = new WebSocket(`wss://127.0.0.1:${port}/sync?token=${ADMIN}`, { ca });
    const first = await new Promise<{ t: string; role?: string }>((resolve, reject) => {
      socket.once('message', (d) => resolve(JSON.parse(d.toString())));
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ t: 'hello', device: 'tls-test', since: 0 })));
    });
    socket.close();
    expect(first).toMatchObject({ t: 'welcome', role: 'coordinator' });
  });
});

describe('a half-given https set-up', () => {
  it('stops with a clear message when the key is missing, instead of serving plain http', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taktboard-tls-half-'));
    try {
      const half = startServer(['--port', String(await freePort()), '--data', dir, '--no-demo', '--tls-cert', cert]);
      const exitCode = await new Promise<number | null>((resolve) => half.child.once('exit', resolve));
      expect(exitCode).toBe(1);
      expect(await half.output).toMatch(/https needs both --tls-cert and --tls-key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
