import { createExecutionContext, env, runInDurableObject, SELF } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { AudienceMemberSchema, AudienceMessageSchema, type AudienceMessage } from '../../../shared/schema/audiences.js';
import { sha256Hex } from '../../../shared/identifiers.js';
import worker from '../index.js';
import { ADMIN, decideBody, post, put, siteConfig } from '../testing/fixtures.js';
import { signedIdentity } from '../testing/identity.js';
import { received, registerWebhook, until } from '../testing/journeys.js';
import { allShards, shardFor } from '../visitors/shard.js';
import { statsFor } from '../stats/stub.js';

const SITE = 'audiences-test';
const SECRET = 'audience-identity-secret-'.padEnd(40, 'x');
const THRILLERS = { categories: { thrillers: { views: 5 } } };
const ADS = { analytics: true, personalization: true, ads: true };
let adsSecret = '';
let mailSecret = '';

const admin = (path: string, method = 'GET') => SELF.fetch(new Request(`https://edge.example${path}`, { method, headers: ADMIN }));

async function members(audience: string) {
  const res = await admin(`/admin/sites/${SITE}/audiences/${audience}/members`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/x-ndjson');
  return (await res.text()).split('\n').filter(Boolean).map((line) => AudienceMemberSchema.strict().parse(JSON.parse(line)));
}
const memberIds = async (audience: string) => (await members(audience)).map((m) => m.customer_id);

/** The verified messages about one customer on a receiver path. */
async function messages(hook: string, secret: string, customer: string): Promise<AudienceMessage[]> {
  return (await received(`${SITE}-${hook}`))
    .map((m) => AudienceMessageSchema.strict().parse(new Webhook(secret).verify(m.body, m.headers)))
    .filter((m) => m.customer_id === customer);
}

/** A page view of an identified customer: a decide with a signed identify and the thriller summary. */
async function visit(customer: string, visitor: string, consent: Record<string, boolean>, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  const identity = { ...(await signedIdentity(SITE, customer, SECRET)), ...extra };
  const res = await SELF.fetch(post('/v1/decide', decideBody(SITE, { visitor, consent, identity, profile: THRILLERS }), headers));
  expect(res.status).toBe(200);
  // "unknown": the signature checks, but nothing was uploaded for this customer.
  expect(((await res.json()) as { identity: { status: string } }).identity.status).toMatch(/^(verified|unknown)$/);
}

async function enter(customer: string, visitor: string) {
  await visit(customer, visitor, ADS);
  await until(() => memberIds('thriller-ads'), (ids) => ids.includes(customer));
  await until(() => messages('ads', adsSecret, customer), (m) => m.some((x) => x.type === 'audience.entered'));
}

const exited = (hook: string, secret: string, customer: string) =>
  until(() => messages(hook, secret, customer), (m) => m.some((x) => x.type === 'audience.exited')).then((m) => m.find((x) => x.type === 'audience.exited')!);

beforeAll(async () => {
  adsSecret = await registerWebhook(SITE, 'ads-sync', `${SITE}-ads`);
  mailSecret = await registerWebhook(SITE, 'mailer', `${SITE}-mail`);
  const config = siteConfig(SITE, {
    audiences: [
      { id: 'thriller-ads', name: 'Thriller readers (ads)', segment: 'thriller-lovers', purpose: 'ads', destinations: ['ads-sync'] },
      { id: 'vip-mail', name: 'VIP newsletter', segment: 'vip', purpose: 'email', destinations: ['mailer'] },
    ],
  });
  config.segments!.push({ id: 'vip', when: { 'customer.tier': 'vip' } });
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/identity-secret`, { secret: SECRET }))).status).toBe(204);
});

describe('an identified customer with ads consent in the segment', () => {
  const email = ' Ann.Example+shop@GMail.com ';
  const phone = '+31 (0)20 123 4567';

  it('is a member with hashes only, and no store holds the raw email anywhere', async () => {
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/traits`, JSON.stringify({ customer_id: 'cust-ann', firstName: 'Ann', email, phone })))).status).toBe(200);
    await enter('cust-ann', 'visitor-ann-0001');
    const [ann] = (await members('thriller-ads')).filter((m) => m.customer_id === 'cust-ann');
    expect(ann).toEqual({
      customer_id: 'cust-ann',
      email_sha256: await sha256Hex('annexample@gmail.com'),
      phone_sha256: await sha256Hex('+31201234567'),
      enteredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    const [entered] = await messages('ads', adsSecret, 'cust-ann');
    expect(entered).toEqual({ type: 'audience.entered', site: SITE, audience: 'thriller-ads', purpose: 'ads', customer_id: 'cust-ann', email_sha256: ann.email_sha256, phone_sha256: ann.phone_sha256, at: ann.enteredAt });

    const stored = await everythingStored();
    // The search does see both stores: the id in KV, the hash in the customer's shard.
    expect(stored).toContain('cust-ann');
    expect(stored).toContain(ann.email_sha256);
    for (const raw of ['ann.example', 'annexample', 'shop@gmail', '123 4567', '201234567']) expect(stored.toLowerCase()).not.toContain(raw);
  });

  it('is in the Customer Match CSV, under its Email and Phone headers', async () => {
    const res = await admin(`/admin/sites/${SITE}/audiences/thriller-ads/members?format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = (await res.text()).trimEnd().split('\n');
    expect(header).toBe('Email,Phone');
    expect(rows).toContain(`${await sha256Hex('annexample@gmail.com')},${await sha256Hex('+31201234567')}`);
    for (const row of rows) expect(row).toMatch(/^([0-9a-f]{64})?,([0-9a-f]{64})?$/);
  });

  it("is in the tester's audience view (local development only), with why", async () => {
    const res = await SELF.fetch(`https://edge.example/v1/dev/audiences?site=${SITE}`);
    const { audiences } = (await res.json()) as { audiences: { id: string; segment: string; purpose: string; members: { customer_id: string; consentAt?: string; hashes: string[] }[] }[] };
    const ads = audiences.find((a) => a.id === 'thriller-ads')!;
    expect(ads).toMatchObject({ segment: 'thriller-lovers', purpose: 'ads' });
    expect(ads.members.find((m) => m.customer_id === 'cust-ann')).toMatchObject({ consentAt: expect.stringMatching(/Z$/), hashes: ['email', 'phone'] });
    const deployed = await worker.fetch(new Request(`https://edge.example/v1/dev/audiences?site=${SITE}`), { ...env, VITRINE_DEV: undefined }, createExecutionContext());
    expect(deployed.status).toBe(403);
  });

  it('is counted in the audience listing', async () => {
    const res = await admin(`/admin/sites/${SITE}/audiences`);
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { audiences: { id: string; members: number }[] };
    expect(body.audiences.find((a) => a.id === 'thriller-ads')!.members).toBeGreaterThanOrEqual(1);
    expect(body.audiences.map((a) => a.id)).toEqual(['thriller-ads', 'vip-mail']);
  });
});

describe('leaving an audience', () => {
  it('a customer who never gave ads consent is not listed and gets no message', async () => {
    await visit('cust-bob', 'visitor-bob-0001', { analytics: true, personalization: true, email: true });
    await until(() => customerRecord('cust-bob'), (r) => r !== null && r.segments !== null);
    expect(await memberIds('thriller-ads')).not.toContain('cust-bob');
    expect(await messages('ads', adsSecret, 'cust-bob')).toEqual([]);
  });

  it('withdrawing ads consent: no longer listed, and an audience.exited is delivered', async () => {
    await enter('cust-cy', 'visitor-cy-00001');
    await visit('cust-cy', 'visitor-cy-00001', { analytics: true, personalization: true, ads: false });
    const exit = await exited('ads', adsSecret, 'cust-cy');
    expect(exit).toMatchObject({ audience: 'thriller-ads', reason: 'consent' });
    expect(exit).not.toHaveProperty('email_sha256');
    expect(await memberIds('thriller-ads')).not.toContain('cust-cy');
  });

  it('Sec-GPC: 1 on a collect withdraws ads whatever the page says: exited', async () => {
    await enter('cust-dee', 'visitor-dee-0001');
    const batch = { site: SITE, visitor: 'visitor-dee-0001', consent: ADS, events: [{ id: 'evt-dee-000001', name: 'page_view', ts: Date.now() }] };
    const res = await SELF.fetch(post('/v1/collect', batch, { 'Sec-GPC': '1' }));
    expect(((await res.json()) as { consent: { ads: boolean } }).consent.ads).toBe(false);
    expect(await exited('ads', adsSecret, 'cust-dee')).toMatchObject({ reason: 'consent' });
    expect(await memberIds('thriller-ads')).not.toContain('cust-dee');
  });

  it('Sec-GPC: 1 on a decide keeps a customer out who says yes to ads', async () => {
    await visit('cust-gil', 'visitor-gil-0001', ADS, { 'Sec-GPC': '1' });
    const record = await until(() => customerRecord('cust-gil'), (r) => r !== null && r.segments !== null);
    expect(record!.purposes.ads).toMatchObject({ granted: false });
    expect(await memberIds('thriller-ads')).not.toContain('cust-gil');
  });

  it('forget: exited with the hashes, then nothing of theirs is kept', async () => {
    await visit('cust-eve', 'visitor-eve-0001', ADS, {}, { emailSha256: await sha256Hex('eve@example.com') });
    await until(() => memberIds('thriller-ads'), (ids) => ids.includes('cust-eve'));
    expect((await SELF.fetch(post('/v1/forget', { site: SITE, visitor: 'visitor-eve-0001' }))).status).toBe(200);
    expect(await memberIds('thriller-ads')).not.toContain('cust-eve');
    const exit = await exited('ads', adsSecret, 'cust-eve');
    expect(exit).toMatchObject({ reason: 'forgotten', email_sha256: await sha256Hex('eve@example.com') });
    expect(await customerRecord('cust-eve')).toBeNull();
  });
});

describe('customers known offline (traits upload)', () => {
  it('enter with consent given offline, and DELETE …/traits/:customer makes them exit', async () => {
    const line = { customer_id: 'cust-fay', tier: 'vip', email: 'Fay@Example.com', consent: { email: true, at: '2026-01-02T10:00:00Z' } };
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/traits`, JSON.stringify(line)))).status).toBe(200);
    expect(await members('vip-mail')).toContainEqual(expect.objectContaining({ customer_id: 'cust-fay', email_sha256: await sha256Hex('fay@example.com') }));
    expect((await customerRecord('cust-fay'))!.purposes.email).toEqual({ granted: true, at: Date.parse('2026-01-02T10:00:00Z') });
    // The address is in the customer's record as a hash only, never in their traits.
    expect(await env.KV.get(`site:${SITE}:traits:cust-fay`, 'json')).toEqual({ tier: 'vip' });

    expect((await admin(`/admin/sites/${SITE}/traits/cust-fay`, 'DELETE')).status).toBe(204);
    expect(await memberIds('vip-mail')).not.toContain('cust-fay');
    expect(await exited('mail', mailSecret, 'cust-fay')).toMatchObject({ audience: 'vip-mail', reason: 'forgotten' });
    expect((await admin(`/admin/sites/${SITE}/traits/cust-fay`, 'DELETE')).status).toBe(404);
  });

  it.each([
    ['a raw email that is no address', { email: 'fay at example' }, ['line 1', 'email']],
    ['a phone without country code', { phone: '020 123 4567' }, ['line 1', 'phone']],
    ['a hash that is not SHA-256 hex', { email_sha256: 'ABC' }, ['line 1', 'email_sha256']],
    ['both raw and hashed email', { email: 'a@b.nl', email_sha256: 'a'.repeat(64) }, ['line 1', 'email']],
    ['consent without a time', { consent: { ads: true } }, ['line 1', 'consent', 'at']],
    ['consent dated in the future', { consent: { ads: true, at: Date.now() + 86_400_000 } }, ['line 1', 'consent', 'at']],
  ])('refuses %s with its path, writing nothing', async (_, extra, path) => {
    const res = await SELF.fetch(put(`/admin/sites/${SITE}/traits`, JSON.stringify({ customer_id: 'cust-bad', ...extra })));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { issues: { path: string[] }[] }).issues.map((i) => i.path)).toContainEqual(path);
    expect(await env.KV.get(`site:${SITE}:traits:cust-bad`)).toBeNull();
  });
});

describe('the audience routes', () => {
  it.each([
    ['/admin/sites/audiences-test/audiences/nope/members', 404],
    ['/admin/sites/audiences-test/audiences/thriller-ads/members?format=xml', 400],
    ['/admin/sites/no-such-site/audiences', 404],
  ])('%s → %d', async (path, status) => expect((await admin(path)).status).toBe(status));

  it('need the admin token', async () => {
    expect((await SELF.fetch(`https://edge.example/admin/sites/${SITE}/audiences/thriller-ads/members`)).status).toBe(401);
  });
});

const customerRecord = (customer: string) => shardFor(env, SITE, customer).stub.customerRecord(customer);

/** Every KV key and value, and every row of every table of the site's Durable Objects, as one text. */
async function everythingStored(): Promise<string> {
  const parts: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await env.KV.list({ cursor });
    for (const key of page.keys) parts.push(key.name, JSON.stringify(key.metadata ?? null), (await env.KV.get(key.name)) ?? '');
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  for (const stub of [...allShards(env, SITE), statsFor(env, SITE)]) {
    parts.push(
      await runInDurableObject(stub as DurableObjectStub, (_, state) => {
        const tables = state.storage.sql.exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_cf_METADATA'`).toArray();
        return tables.map((t) => JSON.stringify(state.storage.sql.exec(`SELECT * FROM "${t.name}"`).toArray())).join('\n');
      }),
    );
  }
  return parts.join('\n');
}
