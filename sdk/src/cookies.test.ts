// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readIdCookie, writeIdCookie } from './cookies.js';

describe('the visitor cookie', () => {
  it('keeps the id and the choice among the site’s other cookies, and goes on remove', () => {
    document.cookie = 'a=1;path=/';
    writeIdCookie(document, 'abcdefgh01234567', { analytics: false, personalization: true, email: true });
    document.cookie = 'z=2;path=/';
    expect(document.cookie).toContain('vitrine_id=abcdefgh01234567.0101');
    expect(readIdCookie(document)).toEqual({ visitor: 'abcdefgh01234567', consent: { analytics: false, personalization: true, ads: false, email: true } });
    writeIdCookie(document, null, { analytics: false, personalization: false });
    expect(readIdCookie(document)).toBeNull();
    expect(document.cookie).toBe('a=1; z=2');
  });

  it.each(['vitrine_id=short.11', 'vitrine_id=abcdefgh01234567.2', 'vitrine_id=abcdefgh01234567.11011', 'xvitrine_id=abcdefgh01234567.11'])('ignores %s', (cookie) => {
    document.cookie = `${cookie};path=/`;
    expect(readIdCookie(document)).toBeNull();
    document.cookie = `${cookie.split('=')[0]}=;max-age=-1;path=/`;
  });
});
