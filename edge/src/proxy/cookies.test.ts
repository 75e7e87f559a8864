import { describe, expect, it } from 'vitest';
import { visitorCookies } from './cookies.js';

const ID = 'abcdefgh12345678';
const no = { analytics: false, personalization: false, ads: false, email: false };

describe('the visitor cookies the proxy reads', () => {
  it.each([
    ['no cookie', {}, false, { visitor: null, consent: no }],
    ['all four purposes', { vitrine_id: `${ID}.1111` }, false, { visitor: ID, consent: { analytics: true, personalization: true, ads: true, email: true } }],
    ['an older SDK’s two digits: ads and email off', { vitrine_id: `${ID}.11` }, false, { visitor: ID, consent: { ...no, analytics: true, personalization: true } }],
    ['analytics only', { vitrine_id: `${ID}.1000` }, false, { visitor: ID, consent: { ...no, analytics: true } }],
    ['Global Privacy Control turns ads off, nothing else', { vitrine_id: `${ID}.1111` }, true, { visitor: ID, consent: { analytics: true, personalization: true, ads: false, email: true } }],
    ['a garbled id', { vitrine_id: '<script>.11' }, false, { visitor: null, consent: no }],
    ['a short id', { vitrine_id: 'abc.11' }, false, { visitor: null, consent: no }],
    ['too many digits', { vitrine_id: `${ID}.11111` }, false, { visitor: null, consent: no }],
    ['digits other than 0 and 1', { vitrine_id: `${ID}.12` }, false, { visitor: null, consent: no }],
  ])('%s', (_name, cookies, gpc, expected) => {
    expect(visitorCookies(cookies as Record<string, string>, gpc)).toEqual(expected);
  });
});
