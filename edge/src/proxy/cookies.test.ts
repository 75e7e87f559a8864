import { describe, expect, it } from 'vitest';
import { rawCookies, visitorCookies } from './cookies.js';

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
    expect(visitorCookies(new Map(Object.entries(cookies)), gpc)).toEqual(expected);
  });
});

describe('reading the Cookie header', () => {
  it('keeps values exactly as sent, first of a name wins', () => {
    const cookies = rawCookies('a=1; vitrine_profile=v1|x|a%2Fb/c; a=2;  spaced = v ; bare; =nameless');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['vitrine_profile', 'v1|x|a%2Fb/c'],
      ['spaced', 'v'],
    ]);
  });
});
