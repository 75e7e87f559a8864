import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, decideBody, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'fuzz-regressions';
const visitor = 'visitor-regress';
const consent = { analytics: true, personalization: true };
const event = { id: 'regress-event-1', name: 'page_view', ts: Date.now() };

beforeAll(async () => {
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)))).status).toBe(201);
});

/** Inputs the fuzzer once turned into a wrong answer, kept as plain cases. */
describe('fuzz findings', () => {
  it.each([
    // A lone surrogate in `site` reached a KV key, KV refused it, and the visitor got 503.
    ['decide, lone surrogate site', '/v1/decide', { ...decideBody(SITE), site: '\udfff' }, 400, ['site']],
    ['collect, lone surrogate site', '/v1/collect', { site: '\udfff', visitor, consent, events: [event] }, 400, ['site']],
    ['forget, lone surrogate site', '/v1/forget', { site: '\ud800', visitor }, 400, ['site']],
    // A batch without one usable event answered 400 with `rejected` but no `issues` list.
    ['collect, no usable event', '/v1/collect', { site: SITE, visitor, consent, events: [{ name: 1 }] }, 400, ['events', 0, 'id']],
  ])('%s: 4xx naming the path', async (_, path, body, status, issuePath) => {
    const res = await SELF.fetch(post(path, body));
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string; issues: { path: unknown[] }[] };
    expect(json.error).toEqual(expect.any(String));
    expect(json.issues.map((i) => i.path)).toContainEqual(issuePath);
  });
});

describe('names every object has', () => {
  // Found by the fuzzer once it put "constructor" in every key position: an event named
  // "constructor" with items looked its trending weight up on a plain object, got
  // Object's constructor, stored a NaN score and failed the whole batch with 503.
  it('an event named "constructor" with items is counted, not a 503', async () => {
    const batch = { site: SITE, visitor: 'visitor-constructor', consent, events: [{ id: 'ctor-event-1', name: 'constructor', ts: Date.now(), items: [{ item_id: 'thr-a' }] }] };
    const res = await SELF.fetch(post('/v1/collect', batch));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 1 });
  });
});

describe('deep configs', () => {
  // Found against work in progress on the rule program: a value walk without a depth bound
  // overflowed the stack on a 5,000-deep operand, and the push answered 500 instead of 422.
  it.each([
    ['under an attribute', (deep: string) => `{"a":${deep}}`],
    ['under $not', (deep: string) => `{"a":{"$not":${deep}}}`],
    ['as a segments value', (deep: string) => `{"segments":${deep}}`],
  ])('a condition nested 5,000 deep %s is refused with 422', async (_, when) => {
    const deep = '{"$and":['.repeat(5000) + '{}' + ']}'.repeat(5000);
    const body = `{"site":"${SITE}","segments":[{"id":"deep","when":${when(deep)}}]}`;
    const res = await SELF.fetch(put(`/admin/sites/${SITE}/config`, body, { ...ADMIN, 'content-type': 'application/json' }));
    expect(res.status).toBe(422);
  });

  // Seed 6 found a deep literal (not an operator) inside `$and`: the compiler accepted it and
  // a later recursive walk overflowed workerd's stack. Configs now stop at 64 levels, first.
  it('a literal nested 20,000 deep inside $and is refused with 422 and a reason', async () => {
    const deep = '{"a":'.repeat(20_000) + '[]' + '}'.repeat(20_000);
    const body = `{"site":"${SITE}","segments":[{"id":"deep","when":{"$and":[{"segments":"x"},{"status":[${deep}]}]}}]}`;
    const res = await SELF.fetch(put(`/admin/sites/${SITE}/config`, body, { ...ADMIN, 'content-type': 'application/json' }));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { issues: { message: string }[] }).issues[0].message).toMatch(/deeper than 64/);
  });
});
