// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readAll, readCookie, removeCookie, stored, write, writeCookie } from './storage.js';

describe('stored', () => {
  it('resolves only once every write before it has landed', async () => {
    const landed: string[] = [];
    write('log', [1]).then(() => landed.push('log'));
    write('agg', { sessions: 1 }).then(() => landed.push('agg'));
    await stored();
    expect(landed).toEqual(['log', 'agg']);
    expect(await readAll()).toMatchObject({ log: [1], agg: { sessions: 1 } });
  });
});

describe('the visitor cookie', () => {
  it('keeps the id and the choice among the site’s other cookies, and goes on remove', () => {
    document.cookie = 'a=1;path=/';
    writeCookie('abcdefgh01234567', { analytics: false, personalization: true });
    document.cookie = 'z=2;path=/';
    expect(readCookie()).toEqual({ visitor: 'abcdefgh01234567', consent: { analytics: false, personalization: true } });
    removeCookie();
    expect(readCookie()).toBeNull();
    expect(document.cookie).toBe('a=1; z=2');
  });

  it.each(['vitrine_id=short.11', 'vitrine_id=abcdefgh01234567.2', 'xvitrine_id=abcdefgh01234567.11'])('ignores %s', (cookie) => {
    document.cookie = `${cookie};path=/`;
    expect(readCookie()).toBeNull();
    document.cookie = `${cookie.split('=')[0]}=;max-age=-1;path=/`;
  });
});
