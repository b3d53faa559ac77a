// The HTTP side of the server: the built app (with its CSP), join links for coordinators, and the /sync WebSocket.
import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import { MAX_PUBLISH_BYTES, ROLES, type Role } from '../sync/protocol.ts';
import { APP_HEADERS, cacheControlFor } from './headers.ts';
import { Hub } from './hub.ts';
import { publishBackup } from './publish.ts';
import type { BoardStore } from './store.ts';
import type { Invite, Tokens } from './tokens.ts';

export interface ServerOptions {
  store: BoardStore;
  tokens: Tokens;
  /** The built app to serve (vite build's dist/); absent: API and WebSocket only. */
  distDir?: string;
  /**
   * A certificate and its key (PEM) to serve https:// and wss:// directly. Browsers give a screen on another machine
   * its offline start (service worker), persistent storage and camera only over https.
   */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

const bearer = (request: FastifyRequest) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];

export async function buildServer({ store, tokens, distDir, tls }: ServerOptions): Promise<{ app: FastifyInstance; hub: Hub }> {
  // Fastify types an https server apart; the routes below are the same on both.
  const app = (tls ? Fastify({ logger: false, bodyLimit: 64 * 1024, https: tls }) : Fastify({ logger: false, bodyLimit: 64 * 1024 })) as unknown as FastifyInstance;
  const hub = new Hub(store);
  await hub.start();
  await app.register(websocket, { options: { maxPayload: MAX_PUBLISH_BYTES } });

  app.addHook('onSend', async (_request, reply) => {
    for (const [name, value] of Object.entries(APP_HEADERS)) reply.header(name, value);
  });

  if (distDir && existsSync(distDir)) {
    // The service worker (sw.js) must never be served from a long-lived cache, or a screen would not see a new version.
    await app.register(fastifyStatic, {
      root: distDir,
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('Cache-Control', cacheControlFor(path)),
    });
  }

  const who = async (request: FastifyRequest): Promise<Invite | null> => tokens.verify(bearer(request));
  const coordinator = async (request: FastifyRequest) => {
    const invite = await who(request);
    return invite?.role === 'coordinator' ? invite : null;
  };

  app.get('/api/health', async () => ({ ok: true, store: store.db.kind, head: hub.head, screens: hub.size }));

  app.get('/api/me', async (request, reply) => {
    const invite = await who(request);
    if (!invite) return reply.code(401).send({ error: 'This link is not valid (unknown or revoked).' });
    return { role: invite.role, label: invite.label };
  });

  app.get('/api/invites', async (request, reply) => {
    if (!(await coordinator(request))) return reply.code(403).send({ error: 'Only a coordinator link may see join links.' });
    return tokens.list();
  });

  app.post('/api/invites', async (request, reply) => {
    if (!(await coordinator(request))) return reply.code(403).send({ error: 'Only a coordinator link may make join links.' });
    const body = (request.body ?? {}) as { role?: unknown; label?: unknown };
    if (!ROLES.includes(body.role as Role)) return reply.code(400).send({ error: `A join link's role is one of ${ROLES.join(', ')}.` });
    const label = typeof body.label === 'string' && body.label.trim() ? body.label.trim().slice(0, 100) : `${body.role} screen`;
    const { invite, token } = await tokens.create(body.role as Role, label);
    const origin = `${request.protocol}://${request.headers.host}`;
    return { ...invite, token, link: `${origin}/#/join/${token}` };
  });

  // A screen's own board, made before it joined, becomes the server's (with its log): coordinators only, backup-sized.
  app.post('/api/publish', { bodyLimit: MAX_PUBLISH_BYTES }, async (request, reply) => {
    if (!(await coordinator(request))) return reply.code(403).send({ error: 'Only a coordinator link may publish a board to this server.' });
    const result = await publishBackup(store, request.body, 'http');
    if (!result.ok) return reply.code(409).send({ error: result.error });
    await hub.advance(await store.head());
    return result;
  });

  app.delete('/api/invites/:id', async (request, reply) => {
    if (!(await coordinator(request))) return reply.code(403).send({ error: 'Only a coordinator link may revoke join links.' });
    const revoked = await tokens.revoke((request.params as { id: string }).id);
    return revoked ? { ok: true } : reply.code(404).send({ error: 'There is no such join link, or it was revoked already.' });
  });

  app.register(async (scope) => {
    scope.get('/sync', { websocket: true }, async (socket, request) => {
      // Messages that arrive while the token is checked wait here, or they would be lost.
      const early: { data: Buffer; isBinary: boolean }[] = [];
      const hold = (data: Buffer, isBinary: boolean) => early.push({ data, isBinary });
      socket.on('message', hold);
      const invite = await tokens.verify((request.query as { token?: string }).token);
      socket.off('message', hold);
      if (!invite) {
        socket.send(JSON.stringify({ t: 'error', error: 'This link is not valid (unknown or revoked). Ask the coordinator for a new one.' }));
        socket.close(4401, 'unauthorised');
        return;
      }
      hub.connect(socket, invite);
      for (const { data, isBinary } of early) socket.emit('message', data, isBinary);
    });
  });

  app.addHook('onClose', async () => hub.close());
  return { app, hub };
}
