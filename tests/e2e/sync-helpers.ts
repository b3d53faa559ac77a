// Shared steps of the sync e2e specs: a real sync server (node, PGlite in a temp folder, the built dist/) on a free
// loopback port that a test can SIGKILL and restart, join links, and screens as separate browser contexts (devices).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { CARD } from './kanban-helpers.ts';
import { freePort } from '../free-port.ts';

export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdefghij';
const root = path.resolve(import.meta.dirname, '..', '..');

export class SyncServer {
  private child: ChildProcess | null = null;
  output = '';

  private constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  /** https with the test-only certificate (tests/data/tls), when started by `startTls`. */
  private tls = false;

  get url() {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
  }

  /** The seeded server over https, with the test-only certificate (its name is taktboard-pc.lan, localhost, 127.0.0.1). */
  static async startTls(): Promise<SyncServer> {
    const template = await (SyncServer.template ??= SyncServer.makeTemplate());
    const dir = mkdtempSync(path.join(tmpdir(), 'taktboard-sync-tls-'));
    cpSync(template, dir, { recursive: true });
    const server = new SyncServer(await freePort(), dir);
    server.tls = true;
    const tlsDir = path.join(root, 'tests', 'data', 'tls');
    server.extraArgs = ['--tls-cert', path.join(tlsDir, 'test-only.crt'), '--tls-key', path.join(tlsDir, 'test-only.key')];
    await server.boot();
    return server;
  }

  /** Whether the server answers its health check (over https, trusting only the test certificate). */
  private answers(): Promise<boolean> {
    if (!this.tls) return fetch(`${this.url}/api/health`).then((r) => r.ok, () => false);
    const ca = readFileSync(path.join(root, 'tests', 'data', 'tls', 'test-only.crt'));
    return new Promise((resolve) => {
      const request = httpsGet(`${this.url}/api/health`, { ca }, (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      });
      request.once('error', () => resolve(false));
    });
  }

  /**
   * A server of its own for one test, on a fresh copy of a seeded data folder: seeding the demo line into a new
   * PGlite takes 15-40 s on a busy machine, opening a seeded one a few seconds.
   */
  static async start(): Promise<SyncServer> {
    const template = await (SyncServer.template ??= SyncServer.makeTemplate());
    const dir = mkdtempSync(path.join(tmpdir(), 'taktboard-sync-e2e-'));
    cpSync(template, dir, { recursive: true });
    const server = new SyncServer(await freePort(), dir);
    await server.boot();
    return server;
  }

  /** A server with an empty board (no demo line), for a screen to publish its own board to. */
  static async startEmpty(): Promise<SyncServer> {
    const server = new SyncServer(await freePort(), mkdtempSync(path.join(tmpdir(), 'taktboard-sync-empty-')));
    server.extraArgs = ['--no-demo'];
    await server.boot();
    return server;
  }

  private extraArgs: string[] = [];

  private static template: Promise<string> | undefined;

  private static async makeTemplate(): Promise<string> {
    const server = new SyncServer(await freePort(), mkdtempSync(path.join(tmpdir(), 'taktboard-sync-template-')));
    await server.boot();
    await server.shutdown();
    process.once('exit', () => rmSync(server.dataDir, { recursive: true, force: true }));
    return server.dataDir;
  }

  /** A clean stop (SIGTERM: the server closes its store). */
  async shutdown() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  /** Starts the server process (again, on the same port and data folder) and waits until it answers. */
  async boot() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts', '--port', String(this.port), '--data', this.dataDir, ...this.extraArgs], {
      cwd: root,
      env: { ...process.env, TAKTBOARD_ADMIN_TOKEN: ADMIN_TOKEN, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => (this.output += d));
    child.stderr?.on('data', (d) => (this.output += d));
    this.child = child;
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The sync server exited (${child.exitCode}):\n${this.output}`);
      if (await this.answers()) return;
      if (Date.now() - started > 90_000) throw new Error(`The sync server did not start:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Kills the process at once: no shutdown, no flush. */
  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop() {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** A join link of a role, made with the admin (coordinator) token. */
  async invite(role: 'viewer' | 'operator' | 'coordinator', label: string): Promise<{ id: string; token: string; link: string }> {
    const response = await fetch(`${this.url}/api/invites`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role, label }),
    });
    if (!response.ok) throw new Error(`invite: ${response.status} ${await response.text()}`);
    return response.json();
  }
}

/** Console errors a screen may log while its server is down or its network is off (the browser reports failed sockets). */
const EXPECTED_WHEN_OFFLINE = /WebSocket connection to .* failed|net::ERR_INTERNET_DISCONNECTED|net::ERR_CONNECTION_REFUSED|Failed to load resource/;

/** One device: a browser context of its own (its own IndexedDB), a page, and what went wrong in it. */
export class Device {
  readonly problems: string[] = [];
  /** Set while the test takes the network or the server away on purpose. */
  offlineExpected = false;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly name: string,
  ) {
    const note = (text: string) => {
      if (this.offlineExpected && EXPECTED_WHEN_OFFLINE.test(text)) return;
      this.problems.push(`${name}: ${text}`);
    };
    page.on('console', (message) => {
      if (message.type() === 'error') note(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => note(`uncaught: ${error.message}`));
  }

  static async open(browser: Browser, name: string): Promise<Device> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    const device = new Device(context, page, name);
    await page.exposeFunction('__reportCspViolation', (text: string) => device.problems.push(`${name}: CSP violation: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
      });
    });
    return device;
  }

  /** Opens a join link and waits for the shared board. */
  async join(link: string) {
    await this.page.goto(link);
    await expect(this.page.getByTestId('stage')).toHaveCount(8, { timeout: 20_000 });
    await expect(this.page.getByTestId('sync-status')).toHaveText(/Online/);
    await expect(this.page.locator(CARD).first()).toBeVisible();
    expect(this.page.url()).not.toContain('/join/');
  }

  async offline(value: boolean) {
    if (value) this.offlineExpected = true;
    await this.context.setOffline(value);
  }

  async close() {
    await this.context.close();
  }
}

/** Reads records straight from a device's IndexedDB (checks only). */
export function readStore<T>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (table) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('taktboard');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(table, 'readonly').objectStore(table).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

/** The board's cards as "id@stage" of the active ones, sorted: two screens show the same board when these match. */
export async function boardOf(page: Page): Promise<string[]> {
  const cards = await readStore<{ id: string; stageId: string; retired: boolean; blocked: boolean }>(page, 'cards');
  return cards
    .filter((card) => !card.retired)
    .map((card) => `${card.id}@${card.stageId}${card.blocked ? '!' : ''}`)
    .sort();
}

export const statusOf = (page: Page) => page.getByTestId('sync-status');

/**
 * The test function of the sync specs: a server of its own per test (started by `start`, stopped after) and the devices
 * a test opens, closed after it; any problem a device reported (console error, CSP violation) fails the test.
 */
export function syncTest(start: () => Promise<SyncServer> = () => SyncServer.start()) {
  return base.extend<{ server: SyncServer; devices: Device[] }>({
    // eslint-disable-next-line no-empty-pattern
    server: async ({}, use) => {
      const server = await start();
      await use(server);
      await server.stop();
    },
    // eslint-disable-next-line no-empty-pattern
    devices: async ({}, use) => {
      const devices: Device[] = [];
      await use(devices);
      const problems = devices.flatMap((device) => device.problems);
      for (const device of devices) await device.close();
      expect(problems, 'the devices reported problems').toEqual([]);
    },
  });
}
