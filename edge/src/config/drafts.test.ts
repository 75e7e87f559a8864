import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN, decideBody, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'draft-link';
const thrillerProfile = { categories: { thrillers: { views: 4 } } };

async function decide(force?: Record<string, string>) {
  const res = await SELF.fetch(post('/v1/decide', decideBody(SITE, { profile: thrillerProfile, force, slots: ['hero'] })));
  expect(res.status).toBe(200);
  return (await res.json()) as any;
}

describe('a draft forced by a preview link', () => {
  it('answers from the draft for that request only, flagged as forced, in no experiment', async () => {
    const served = siteConfig(SITE, {
      experiments: [
        { id: 'hero-test', hypothesis: 'h', status: 'running', slot: 'hero', goal: { event: 'purchase' }, variants: [{ id: 'control', weight: 0.5 }, { id: 'b', weight: 0.5 }] },
      ],
    });
    await SELF.fetch(put(`/admin/sites/${SITE}/config`, served));
    const draft = structuredClone(served);
    draft.slots!.hero.variants![1].content = { headline: 'Draft: more thrillers' };
    const res = await SELF.fetch(post(`/admin/sites/${SITE}/drafts`, draft, ADMIN));
    expect(res.status).toBe(201);
    const { id, force } = (await res.json()) as any;
    expect(force).toBe(`@draft:${id}`);

    const forced = await decide({ '@draft': id, hero: 'thrillers' });
    expect(forced.configVersion).toBe('draft');
    expect(forced.slots.hero).toMatchObject({ variant: 'thrillers', forced: true, content: { headline: 'Draft: more thrillers' } });
    expect(forced.experiments).toEqual([]);

    // Everyone else, and this visitor without the link, still gets the served config.
    const plain = await decide();
    expect(plain.configVersion).not.toBe('draft');
    expect(plain.slots.hero.forced).toBeUndefined();
    expect(plain.experiments.map((e: any) => e.id)).toEqual(['hero-test']);
  });

  it.each([
    ['an unknown draft id', 'A'.repeat(22)],
    ['an id that is not a draft id', '../config:current'],
  ])('ignores %s and answers from the served config', async (_name, id) => {
    await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)));
    const answer = await decide({ '@draft': id });
    expect(answer.configVersion).not.toBe('draft');
    expect(answer.slots.hero.content.headline).toMatch(/^More thrillers for you/);
  });

  it('refuses a draft that does not validate, or is for another site', async () => {
    const bad = siteConfig(SITE, { segments: [{ id: 'x', when: { a: { $nope: 1 } } }] });
    expect((await SELF.fetch(post(`/admin/sites/${SITE}/drafts`, bad, ADMIN))).status).toBe(422);
    expect((await SELF.fetch(post(`/admin/sites/${SITE}/drafts`, siteConfig('other'), ADMIN))).status).toBe(422);
    expect((await SELF.fetch(post(`/admin/sites/${SITE}/drafts`, siteConfig(SITE)))).status).toBe(401);
  });
});
