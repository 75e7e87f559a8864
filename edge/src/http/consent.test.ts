import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { post, put, siteConfig } from '../testing/fixtures.js';
import { gpcFrom } from '../decide/facts.js';
import { effectiveConsent } from './consent.js';

const all = { analytics: true, personalization: true, ads: true, email: true };

describe('Sec-GPC at the edge (finding 9)', () => {
  it.each([
    ['everything granted, no GPC', all, undefined, all],
    ['everything granted, Sec-GPC: 1', all, '1', { ...all, ads: false }],
    ['Sec-GPC with spaces', all, ' 1 ', { ...all, ads: false }],
    ['Sec-GPC: 0 is no signal', all, '0', all],
    ['only the first two purposes sent', { analytics: true, personalization: true }, undefined, { analytics: true, personalization: true, ads: false, email: false }],
    ['only the header, nothing granted', { analytics: false, personalization: false }, '1', { analytics: false, personalization: false, ads: false, email: false }],
  ])('%s', (_, consent, gpc, expected) => {
    expect(effectiveConsent(gpcFrom(gpc), consent)).toEqual(expected);
  });

  const SITE = 'gpc-collect';
  beforeAll(async () => {
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)))).status).toBe(201);
  });
  const collect = (visitor: string, extra: Record<string, string>) =>
    SELF.fetch(post('/v1/collect', { site: SITE, visitor, consent: all, events: [{ id: `gpc-${visitor}`, name: 'page_view', ts: Date.now() }] }, extra));

  it('collect applies it: ads withdrawn under Sec-GPC: 1, and the answer says so', async () => {
    const withGpc = (await (await collect('gpc-visitor-1', { 'Sec-GPC': '1' })).json()) as any;
    expect(withGpc).toMatchObject({ accepted: 1, consent: { analytics: true, personalization: true, ads: false, email: true } });
    const without = (await (await collect('gpc-visitor-2', {})).json()) as any;
    expect(without.consent.ads).toBe(true);
  });
});
