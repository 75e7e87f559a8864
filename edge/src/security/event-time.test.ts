import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/schema/limits.js';
import { readLists } from '../recs/lists.js';
import { signAssignment } from './assignment-token.js';
import { statsFor } from '../stats/stub.js';
import { ADMIN, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'event-time';
const DAY = 86_400_000;
const consent = { analytics: true, personalization: true };
let seq = 0;
const id = () => `time-evt-${++seq}`.padEnd(12, 'x');
const collect = async (events: unknown[], visitor = 'time-visitor-01') => {
  const res = await SELF.fetch(post('/v1/collect', { site: SITE, visitor, consent, events }));
  return { status: res.status, body: (await res.json()) as any };
};

beforeAll(async () => {
  const config = siteConfig(SITE, {
    experiments: [
      {
        id: 'time-exp',
        hypothesis: { goal: 'g', audience: 'a', change: 'c', expectedEffect: 'e' },
        status: 'running',
        slot: 'hero',
        traffic: 1,
        goal: { event: 'purchase' },
        variants: [
          { id: 'control', weight: 0.5 },
          { id: 'treat', weight: 0.5, content: { headline: 'x' } },
        ],
      },
    ],
  });
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
});

describe('client timestamps (finding 7)', () => {
  const now = Date.now();
  it.each([
    ['dated 2100', Date.UTC(2100, 0, 1), /minutes ahead/],
    ['at the largest date JS has', 8.64e15, /minutes ahead/],
    ['six minutes ahead', now + 6 * 60_000, /minutes ahead/],
    ['at the epoch', 0, /older than 30 days/],
    ['31 days old', now - 31 * DAY, /older than 30 days/],
  ])('an event %s is refused with a reason at its path', async (_, ts, reason) => {
    const { status, body } = await collect([{ id: id(), name: 'page_view', ts }, { id: id(), name: 'page_view', ts: now }]);
    expect(status).toBe(200);
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([{ index: 0, path: ['events', 0, 'ts'], message: expect.stringMatching(reason) }]);
  });

  it.each([
    ['29 days old', now - 29 * DAY],
    ['four minutes ahead (a fast clock)', now + 4 * 60_000],
  ])('an event %s is kept', async (_, ts) => {
    expect((await collect([{ id: id(), name: 'page_view', ts }])).body).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('the window is the one the SDK is told about', () => {
    expect(LIMITS.eventPastMs).toBe(30 * DAY);
    expect(LIMITS.eventFutureMs).toBe(5 * 60_000);
  });

  it('no trending score and no report day can be poisoned', async () => {
    const item = (item_id: string) => ({ items: [{ item_id }] });
    const far = Date.UTC(2100, 0, 1);
    // One view "from 2100" of a product, fifty real views of another.
    await collect([{ id: id(), name: 'view_item', ts: far, ...item('poisoned') }], 'time-visitor-02');
    for (let i = 0; i < 5; i++)
      await collect(Array.from({ length: 10 }, () => ({ id: id(), name: 'view_item', ts: Date.now(), ...item('honest') })), `time-visitor-1${i}`);
    // Exposures signed as decide would sign them: only their dates are wrong.
    const token = (visitor: string, arm: string) => signAssignment(env, SITE, visitor, 'time-exp', arm);
    await collect([{ id: id(), name: 'exposure', experiment: 'time-exp', variant: 'control', ts: 0, token: await token('time-visitor-03', 'control') }], 'time-visitor-03');
    await collect([{ id: id(), name: 'exposure', experiment: 'time-exp', variant: 'treat', ts: far, token: await token('time-visitor-04', 'treat') }], 'time-visitor-04');

    await statsFor(env, SITE).publishLists(SITE);
    const trending = (await readLists(env.KV, SITE))!.trending.map(([product]) => product);
    expect(trending).toEqual(['honest']);
    const report = (await (await SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/experiments/time-exp/report`, { headers: ADMIN }))).json()) as any;
    expect(JSON.stringify(report)).not.toMatch(/1970-01-01|2100-01-01|\+275760/);
  });
});
