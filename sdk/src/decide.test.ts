// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseForce, requestDecision } from './decide.js';

describe('parseForce', () => {
  it.each([
    ['', undefined],
    ['?vitrine_force=hero:thrillers', { hero: 'thrillers' }],
    ['?a=1&vitrine_force=hero:thrillers,promo:spring', { hero: 'thrillers', promo: 'spring' }],
    ['?vitrine_force=hero', undefined],
    ['?vitrine_force=hero:,:x,promo:spring', { promo: 'spring' }],
  ])('%s → %j', (search, expected) => {
    expect(parseForce(search)).toEqual(expected);
  });
});

describe('requestDecision', () => {
  afterEach(() => vi.unstubAllGlobals());
  const body = { site: 's', visitor: null, consent: { analytics: false, personalization: false }, context: { url: 'https://s/' } };

  it('rejects when the edge does not answer within the timeout', async () => {
    vi.stubGlobal('fetch', (_: string, init: RequestInit) => new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted')))));
    const started = Date.now();
    await expect(requestDecision(window, 'https://edge', body, 50)).rejects.toThrow('aborted');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('rejects on a non-2xx answer and resolves with the JSON of a 2xx', async () => {
    vi.stubGlobal('fetch', async () => new Response('{"error":"unknown site"}', { status: 404 }));
    await expect(requestDecision(window, 'https://edge', body, 500)).rejects.toThrow('404');
    vi.stubGlobal('fetch', async (url: string) => Response.json({ url }));
    await expect(requestDecision(window, 'https://edge', body, 500)).resolves.toEqual({ url: 'https://edge/v1/decide' });
  });
});
