// The views' read helper: only the newest request may answer, failures become errors, a changed key drops old answers.
import { describe, expect, it } from 'vitest';
import { Feed, failureText, fromPromise, type Answer, type FeedState } from '../../../src/ui/state/feed.ts';

/** A source whose requests the test answers by hand, in any order. */
function manual<I, T>() {
  const requests: { input: I; answer: Answer<T>; stopped: boolean }[] = [];
  const source = (input: I, answer: Answer<T>) => {
    const request = { input, answer, stopped: false };
    requests.push(request);
    return () => (request.stopped = true);
  };
  return { requests, source };
}

describe('Feed', () => {
  it('shows the answer to the newest request and drops a late answer to an older one', () => {
    const { requests, source } = manual<number, string>();
    const published: FeedState<string>[] = [];
    const feed = new Feed({ source, initial: '' }, (state) => published.push(state));
    feed.request(1);
    feed.request(2);
    expect(feed.state.pending).toBe(true);
    requests[1]!.answer.value('two');
    requests[0]!.answer.value('one, late');
    expect(feed.state).toEqual({ value: 'two', loaded: true, pending: false, error: null });
    expect(published.at(-1)).toBe(feed.state);
    expect(requests[0]!.stopped).toBe(true);
  });

  it('drops a late failure of an older request too', () => {
    const { requests, source } = manual<number, string>();
    const feed = new Feed({ source, initial: '' });
    feed.request(1);
    feed.request(2);
    requests[0]!.answer.fail(new Error('old worker gone'));
    expect(feed.state.error).toBeNull();
    requests[1]!.answer.value('two');
    expect(feed.state.value).toBe('two');
  });

  it('turns a rejected call into an error with its message, and the next answer clears it', () => {
    const { requests, source } = manual<number, number>();
    const feed = new Feed({ source, initial: 0 });
    feed.request(1);
    requests[0]!.answer.fail(new Error('The engine worker failed: could not start'));
    expect(feed.state).toEqual({ value: 0, loaded: false, pending: false, error: 'The engine worker failed: could not start' });
    feed.request(1);
    expect(feed.state.error).toBe('The engine worker failed: could not start');
    requests[1]!.answer.value(7);
    expect(feed.state).toEqual({ value: 7, loaded: true, pending: false, error: null });
  });

  it('turns a source that throws at once into an error', () => {
    const feed = new Feed<number, number>({
      source: () => {
        throw new TypeError('the query could not start');
      },
      initial: 0,
    });
    feed.request(1);
    expect(feed.state.error).toBe('TypeError: the query could not start');
    expect(feed.state.pending).toBe(false);
  });

  it('keeps answers while the key stays and drops them at once when it changes', () => {
    const { requests, source } = manual<{ stream: string; n: number }, string>();
    const feed = new Feed({ source, initial: 'none', key: (input: { stream: string }) => input.stream });
    feed.request({ stream: 'a', n: 1 });
    requests[0]!.answer.value('a1');
    feed.request({ stream: 'a', n: 2 });
    expect(feed.state).toMatchObject({ value: 'a1', loaded: true, pending: true });
    feed.request({ stream: 'b', n: 1 });
    expect(feed.state).toMatchObject({ value: 'none', loaded: false, pending: true });
  });

  it('stops: answers after a stop are dropped and the source is unsubscribed', () => {
    const { requests, source } = manual<number, number>();
    const feed = new Feed({ source, initial: 0 });
    feed.request(1);
    feed.stop();
    expect(requests[0]!.stopped).toBe(true);
    expect(feed.state.pending).toBe(false);
    requests[0]!.answer.value(1);
    expect(feed.state.value).toBe(0);
  });

  it('answers many times for a live source until stopped', () => {
    const { requests, source } = manual<string, number>();
    const feed = new Feed({ source, initial: 0 });
    feed.request('stream');
    requests[0]!.answer.value(1);
    requests[0]!.answer.value(2);
    expect(feed.state.value).toBe(2);
    requests[0]!.answer.fail(new Error('DatabaseClosedError'));
    expect(feed.state).toMatchObject({ value: 2, error: 'DatabaseClosedError' });
  });

  it('clearError empties the error before a retry', () => {
    const feed = new Feed<number, number>({ source: (_, answer) => answer.fail('no'), initial: 0 });
    feed.request(1);
    expect(feed.state.error).toBe('no');
    feed.clearError();
    expect(feed.state.error).toBeNull();
  });

  it('fromPromise answers once, or fails with the rejection', async () => {
    const feed = new Feed<number, number>({ source: fromPromise(async (n: number) => (n > 0 ? n * 2 : Promise.reject(new Error('negative')))), initial: 0 });
    feed.request(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(feed.state.value).toBe(4);
    feed.request(-1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(feed.state.error).toBe('negative');
  });
});

describe('failureText', () => {
  it('names errors that have a name of their own, and reads strings and the rest', () => {
    expect(failureText(new Error('plain'))).toBe('plain');
    const dexie = Object.assign(new Error('Database has been closed'), { name: 'DatabaseClosedError' });
    expect(failureText(dexie)).toBe('DatabaseClosedError: Database has been closed');
    expect(failureText('as text')).toBe('as text');
    expect(failureText(undefined)).toBe('unknown error');
  });
});
