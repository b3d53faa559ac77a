// The browser side of sync against a scripted server: joining replaces the board, commands are provisional until the
// server's events confirm them, a refused command bounces and is rolled back, an offline screen merges on reconnect,
// and whatever the order of frames every screen ends with the server's board.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { asId } from '../../../src/engine/ids.ts';
import { joinedServer, outboxEntries, saveSetting, SYNC_KEYS, syncHead } from '../../../src/db/queries.ts';
import type { TaktDb } from '../../../src/db/schema.ts';
import { boardOf, demoDb, FakeServer, Screen, waitFor } from './helpers.ts';

const S = asId('stream', 'demo-steering');
const stage = (n: number) => asId('stage', `stage-${n}`);
const card = (id: string) => asId('card', id);
const move = (cardId: string, to: number) => ({ type: 'card.move' as const, cardId: card(cardId), toStageId: stage(to) });

const screens: Screen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.client.close();
});

async function join(server: FakeServer, token: string) {
  const screen = await Screen.joined(server, token);
  screens.push(screen);
  return screen;
}

/** Cards of the demo line in a stage (active ones), from a screen's store. */
const inStage = async (screen: { db: TaktDb }, n: number) => (await screen.db.cards.where('[streamId+boardStageId]').equals([S, `stage-${n}`]).primaryKeys()).sort();

async function settled(server: FakeServer, ...all: Screen[]) {
  for (const screen of all) {
    await waitFor(async () => (await outboxEntries(screen.db)).length === 0 && (await syncHead(screen.db)) === (await server.head()), 'the screen to settle').catch(async (error) => {
      const outbox = await outboxEntries(screen.db);
      throw new Error(`${error.message}: head ${await syncHead(screen.db)} of ${await server.head()}, outbox ${JSON.stringify(outbox.map((e) => [e.command.type, e.ackSeq, e.localRefusal]))}, status ${JSON.stringify(screen.status)}`);
    });
  }
  const expected = await boardOf(server.db);
  for (const screen of all) expect(await boardOf(screen.db)).toBe(expected);
}

describe('joining', () => {
  it('replaces the local board with the server snapshot and keeps the server, token and head', async () => {
    const server = await FakeServer.start();
    const screen = new Screen(await demoDb('local'), server);
    screens.push(screen);
    await screen.client.start();
    expect(screen.status?.joined).toBe(false);
    // A local change the server never saw: joining drops it.
    await screen.client.command(move('card-085', 7), { who: 'local' });
    expect(await inStage(screen, 7)).toContain('card-085');
    const joined = await screen.client.join('http://sync.test', 'op1', { role: 'operator', label: 'Tablet 1' });
    expect(joined).toEqual({ ok: true, value: { role: 'operator', label: 'Tablet 1' } });
    expect(await joinedServer(screen.db)).toEqual({ server: 'http://sync.test', token: 'op1' });
    expect(await syncHead(screen.db)).toBe(await server.head());
    expect(await boardOf(screen.db)).toBe(await boardOf(server.db));
    expect(screen.status).toMatchObject({ joined: true, state: 'online', role: 'operator', label: 'Tablet 1', waiting: 0 });
  });

  it('a link the server does not accept leaves the screen as a local board', async () => {
    const server = await FakeServer.start();
    const screen = new Screen(await demoDb('local'), server);
    screens.push(screen);
    await screen.client.start();
    const joined = await screen.client.join('http://sync.test', 'revoked', null);
    expect(joined.ok).toBe(false);
    expect(await joinedServer(screen.db)).toBeNull();
    expect(screen.status?.joined).toBe(false);
    // Commands are applied locally again.
    const result = await screen.client.command(move('card-085', 7), { who: 'local' });
    expect(result.ok).toBe(true);
    expect(await outboxEntries(screen.db)).toHaveLength(0);
  });
});

describe('commands on a joined screen', () => {
  it('are applied at once as provisional, sent, and confirmed by the server with its sequence numbers', async () => {
    const server = await FakeServer.start();
    const screen = await join(server, 'op1');
    server.hold = true;
    const result = await screen.send(move('card-085', 7));
    expect(result.ok).toBe(true);
    // Provisional: on the board, in the outbox, not in the log.
    expect(await inStage(screen, 7)).toContain('card-085');
    const [entry] = await outboxEntries(screen.db);
    expect(entry).toMatchObject({ command: move('card-085', 7), cards: ['card-085'] });
    await waitFor(() => screen.status?.waiting === 1 && screen.status.provisional.includes('card-085'), 'the status to show one waiting');
    expect(await screen.db.events.where('commandId').equals(entry.commandId).count()).toBe(0);
    server.release();
    await settled(server, screen);
    const logged = await screen.db.events.where('commandId').equals(entry.commandId).toArray();
    expect(logged).toHaveLength(1);
    expect(logged[0].id).toBe(await server.head());
    expect(screen.status).toMatchObject({ waiting: 0, provisional: [] });
  });

  it('a move on one screen appears on the other', async () => {
    const server = await FakeServer.start();
    const [a, b] = [await join(server, 'op1'), await join(server, 'op2')];
    expect((await a.send(move('card-085', 7))).ok).toBe(true);
    await settled(server, a, b);
    expect(await inStage(b, 7)).toContain('card-085');
  });

  it('racing pulls into a hard stage: one wins, the other bounces, is rolled back and says why', async () => {
    const server = await FakeServer.start();
    const [a, b] = [await join(server, 'op1'), await join(server, 'op2')];
    // Test & inspect (stage-7) holds 3 of 4: both screens take the last place while the server holds their commands.
    server.hold = true;
    const [first, second] = await Promise.all([a.send(move('card-085', 7), 'Tablet 1'), b.send(move('card-084', 7), 'Tablet 2')]);
    expect(first.ok && second.ok).toBe(true);
    expect(await inStage(a, 7)).toHaveLength(4);
    expect(await inStage(b, 7)).toHaveLength(4);
    await waitFor(() => server.held.length === 2, 'both commands to reach the server');
    server.release();
    await settled(server, a, b);
    for (const screen of [a, b]) expect(await inStage(screen, 7)).toHaveLength(4);
    const winner = (await inStage(a, 7)).includes('card-085') ? a : b;
    const loser = winner === a ? b : a;
    await waitFor(() => (loser.status?.bounces.length ?? 0) === 1, 'the bounce to show');
    const [bounced] = loser.status!.bounces;
    expect(bounced.text).toMatch(/^Your move of card \S+ to Test & inspect bounced: Test & inspect filled up on another screen \(card \S+ pulled by Tablet \d\)\.$/);
    expect(winner.status?.bounces).toEqual([]);
    // The bounce is in the loser's event log.
    const log = (await loser.db.events.toArray()) as { type: string; reason?: string }[];
    expect(log.filter((e) => e.type === 'bounced').map((e) => e.reason)).toEqual([bounced.text]);
  });

  it('a viewer cannot change the board: refused at once, nothing queued', async () => {
    const server = await FakeServer.start();
    const tv = await join(server, 'tv');
    const result = await tv.send(move('card-085', 7));
    expect(result).toMatchObject({ ok: false, code: 'forbidden' });
    expect(!result.ok && result.error).toMatch(/viewer/);
    expect(await outboxEntries(tv.db)).toHaveLength(0);
    expect(await inStage(tv, 7)).not.toContain('card-085');
  });

  it('a command the local rules refuse is answered at once and never sent', async () => {
    const server = await FakeServer.start();
    const screen = await join(server, 'op1');
    const result = await screen.send(move('card-085', 6));
    expect(result).toMatchObject({ ok: false });
    expect(await outboxEntries(screen.db)).toHaveLength(0);
  });

  it('other screens\' events arriving under provisional moves: rolled back, applied, re-applied on top', async () => {
    const server = await FakeServer.start();
    const [a, b] = [await join(server, 'op1'), await join(server, 'op2')];
    server.hold = true;
    // a pulls a card from Machining to Sub-assembly and on to Final assembly; b blocks the same card meanwhile.
    const free = (await a.db.cards.where('[streamId+boardStageId]').equals([S, 'stage-4']).toArray()).find((c) => !c.blocked)!.id;
    expect((await a.send(move(free, 5))).ok).toBe(true);
    // With a reason, so the pull still holds once the card turns out blocked (a blocked card is pulled only with one).
    expect((await a.send({ ...move(free, 6), reason: 'Bolt fitted at final assembly' })).ok).toBe(true);
    expect(await a.db.cards.get(free)).toMatchObject({ stageId: 'stage-6', blocked: false });
    expect((await b.send({ type: 'card.block', cardId: card(free), reason: 'Missing bolt' })).ok).toBe(true);
    // a's first move and b's block reach the server (a's second waits for the first's answer); the server takes both.
    await waitFor(() => server.held.length === 2, 'commands at the server');
    server.release();
    await settled(server, a, b);
    expect(await a.db.cards.get(free)).toMatchObject({ stageId: 'stage-6', blocked: true, blockedReason: 'Missing bolt' });
  });
});

describe('edge cases', () => {
  it('an undo of a move still waiting undoes that move, here and on the server', async () => {
    const server = await FakeServer.start();
    const a = await join(server, 'op1');
    server.hold = true;
    const id = (await a.db.cards.where('[streamId+boardStageId]').equals([S, 'stage-4']).toArray()).find((c) => !c.blocked)!.id;
    expect((await a.send(move(id, 5))).ok).toBe(true);
    const undone = await a.send({ type: 'card.undo-move', streamId: S });
    expect(undone.ok && undone.value.outcome.id).toBe(id);
    expect(await a.db.cards.get(id)).toMatchObject({ stageId: 'stage-4' });
    server.release();
    await settled(server, a);
    expect(await a.db.cards.get(id)).toMatchObject({ stageId: 'stage-4' });
    const [moveEvent, undoEvent] = (await server.db.events.where('cardId').equals(id).toArray()).slice(-2);
    expect(undoEvent).toMatchObject({ type: 'undo', undoes: moveEvent.id });
  });

  it('a command that changes nothing leaves the outbox once acknowledged', async () => {
    const server = await FakeServer.start();
    const a = await join(server, 'op1');
    const before = await a.db.cards.get('card-085');
    const same = await a.send({ type: 'card.edit', cardId: card('card-085'), fields: { partNumber: before!.partNumber } });
    expect(same.ok && same.value.events).toEqual([]);
    await settled(server, a);
    expect(await boardOf(a.db)).toBe(await boardOf(server.db));
  });

  it('a command the server turned away for flooding goes again after a pause', async () => {
    const server = await FakeServer.start();
    const a = await join(server, 'op1');
    server.tooMany = 1;
    expect((await a.send(move('card-085', 7))).ok).toBe(true);
    await settled(server, a);
    expect(await inStage(a, 7)).toContain('card-085');
    expect(a.status?.bounces).toEqual([]);
  });

  it('a snapshot (a server that lost its later history) keeps waiting commands and applies them again on top', async () => {
    const server = await FakeServer.start();
    const a = await join(server, 'op1');
    server.stop();
    await waitFor(() => a.status?.state !== 'online', 'offline');
    expect((await a.send(move('card-085', 7))).ok).toBe(true);
    // The screen believes it has more than the server (say, restored from an older backup): the server sends its board.
    await saveSetting(a.db, SYNC_KEYS.head, 10_000);
    server.restart();
    await settled(server, a);
    expect(await inStage(a, 7)).toContain('card-085');
    expect(await inStage(server, 7)).toContain('card-085');
  });
});

describe('offline', () => {
  it('moves made offline wait in the outbox (which survives a restart), then merge when the server is back', async () => {
    const server = await FakeServer.start();
    const [a, b] = [await join(server, 'op1'), await join(server, 'op2')];
    server.stop();
    await waitFor(() => a.status?.state === 'offline' || a.status?.state === 'connecting', 'a to see the server gone');
    const receiving = await inStage(a, 1);
    for (const id of receiving.slice(0, 2)) expect((await a.send(move(id, 2))).ok).toBe(true);
    expect(await outboxEntries(a.db)).toHaveLength(2);
    await waitFor(() => a.status?.waiting === 2 && a.status.provisional.length === 2, 'the status to show two waiting');
    // The tab closes; a new one opens on the same store while the server is still down.
    a.client.close();
    const reopened = new Screen(a.db, server);
    screens.push(reopened);
    await reopened.client.start();
    expect(await outboxEntries(reopened.db)).toHaveLength(2);
    // b moved too, before a is back.
    server.restart();
    const bCard = (await inStage(b, 3))[0];
    await waitFor(async () => (await b.send(move(bCard, 4))).ok, 'b to move once reconnected', 5000);
    await settled(server, reopened, b);
    for (const id of receiving.slice(0, 2)) expect(await inStage(b, 2)).toContain(id);
    expect(await inStage(reopened, 4)).toContain(bCard);
  });

  it('an offline move that another screen made impossible bounces when the screen comes back', async () => {
    const server = await FakeServer.start();
    const [a, b] = [await join(server, 'op1'), await join(server, 'op2')];
    server.stop();
    await waitFor(() => a.status?.state !== 'online', 'a to see the server gone');
    expect((await a.send(move('card-085', 7), 'Tablet 1')).ok).toBe(true);
    // a's tab is closed while offline; the server comes back and b takes the last place of Test & inspect.
    a.client.close();
    server.restart();
    await waitFor(async () => (await b.send(move('card-084', 7), 'Tablet 2')).ok, 'b to move once reconnected');
    await settled(server, b);
    const back = new Screen(a.db, server);
    screens.push(back);
    await back.client.start();
    await settled(server, back, b);
    await waitFor(() => (back.status?.bounces.length ?? 0) === 1, 'the bounce');
    expect(back.status!.bounces[0].text).toMatch(/^Your move of card \S+ to Test & inspect bounced: Test & inspect filled up on another screen \(card \S+ pulled by Tablet 2\)\.$/);
    expect(await inStage(back, 7)).toContain('card-084');
    expect(await inStage(back, 7)).not.toContain('card-085');
  });
});

describe('leaving', () => {
  it('rolls back waiting commands and keeps the confirmed board as a local board', async () => {
    const server = await FakeServer.start();
    const a = await join(server, 'op1');
    server.stop();
    await waitFor(() => a.status?.state !== 'online', 'offline');
    expect((await a.send(move('card-085', 7))).ok).toBe(true);
    await a.client.leave();
    expect(await joinedServer(a.db)).toBeNull();
    expect(await outboxEntries(a.db)).toHaveLength(0);
    expect(await inStage(a, 7)).not.toContain('card-085');
    expect(await boardOf(a.db)).toBe(await boardOf(server.db));
    expect(a.status).toMatchObject({ joined: false, state: 'local' });
    // Commands are applied locally again, logged after the server's numbers.
    const local = await a.send(move('card-085', 7));
    expect(local.ok && local.value.events[0].id).toBe((await server.head()) + 1);
  });
});
