import { describe, expect, it } from 'vitest';
import type { Audience } from '../../../shared/schema/config.js';
import { membershipChanges, mergePurposes, qualifyingAudiences, statedPurposes, type Purposes } from './membership.js';

describe('statedPurposes', () => {
  it.each<[string, { ads?: boolean; email?: boolean }, boolean, Record<string, boolean>]>([
    ['a banner that asks nothing about ads or email states nothing', {}, false, {}],
    ['explicit choices are statements', { ads: true, email: false }, false, { ads: true, email: false }],
    ['GPC withdraws ads whatever the page says', { ads: true, email: true }, true, { ads: false, email: true }],
    ['GPC is a statement even where the page says nothing', {}, true, { ads: false }],
  ])('%s', (_, consent, gpc, stated) => expect(statedPurposes(consent, gpc)).toEqual(stated));
});

describe('mergePurposes', () => {
  const granted = (at: number) => ({ granted: true, at });
  const withdrawn = (at: number) => ({ granted: false, at });
  it.each<[string, Purposes, Record<string, boolean>, number, Purposes]>([
    ['a first choice is kept with its time', {}, { ads: true }, 100, { ads: granted(100) }],
    ['the same choice again keeps when it was first given', { ads: granted(100) }, { ads: true }, 500, { ads: granted(100) }],
    ['a newer withdrawal replaces a grant', { ads: granted(100) }, { ads: false }, 500, { ads: withdrawn(500) }],
    ['an older opt-in (uploaded late) does not undo a newer withdrawal', { email: withdrawn(500) }, { email: true }, 100, { email: withdrawn(500) }],
    ['a purpose not stated is left as it was', { email: granted(100) }, { ads: false }, 500, { email: granted(100), ads: withdrawn(500) }],
  ])('%s', (_, stored, stated, at, next) => expect(mergePurposes(stored, stated, at)).toEqual(next));
});

describe('membership', () => {
  const ads: Audience = { id: 'thriller-ads', name: 'Ads', segment: 'thrillers', purpose: 'ads' };
  const mail: Audience = { id: 'thriller-mail', name: 'Mail', segment: 'thrillers', purpose: 'email' };
  const vip: Audience = { id: 'vip-mail', name: 'VIP', segment: 'vip', purpose: 'email' };
  const all = [ads, mail, vip];

  it.each<[string, string[], Purposes, string[]]>([
    ['segment and the purpose granted', ['thrillers'], { ads: { granted: true, at: 1 } }, ['thriller-ads']],
    ['the purpose withdrawn', ['thrillers'], { ads: { granted: false, at: 1 } }, []],
    ['no choice at all (missing is false)', ['thrillers', 'vip'], {}, []],
    ['the consent but not the segment', ['other'], { ads: { granted: true, at: 1 }, email: { granted: true, at: 1 } }, []],
    ['each audience on its own purpose', ['thrillers', 'vip'], { email: { granted: true, at: 1 } }, ['thriller-mail', 'vip-mail']],
  ])('qualifies: %s', (_, segments, purposes, ids) => expect(qualifyingAudiences(all, segments, purposes).map((a) => a.id)).toEqual(ids));

  it('enters the new ones and exits the ones no longer qualified, leaving the rest', () => {
    const { entered, exited } = membershipChanges(all, new Set(['thriller-ads', 'vip-mail']), [ads, mail]);
    expect(entered.map((a) => a.id)).toEqual(['thriller-mail']);
    expect(exited.map((a) => a.id)).toEqual(['vip-mail']);
  });

  it('leaves every audience at once when nothing qualifies', () => {
    expect(membershipChanges(all, new Set(['thriller-ads', 'thriller-mail', 'vip-mail']), []).exited).toHaveLength(3);
  });
});
