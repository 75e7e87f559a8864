// The site report's periods through the Admin API, in workerd: 7, 28 or 90 days or since a
// date, a clear 400 naming the parameter otherwise, and the tests behind the marks stated.
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, put, siteConfig } from '../../testing/fixtures.js';

const SITE = 'site-report-period';
const get = (query: string, headers: Record<string, string> = ADMIN) => SELF.fetch(new Request(`https://edge.example/admin/sites/${SITE}/report${query}`, { headers }));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(async () => {
  expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, siteConfig(SITE)))).status).toBe(201);
});

describe('GET /admin/sites/:site/report periods', () => {
  it.each([
    ['', 7],
    ['?days=28', 28],
    ['?days=90', 90],
  ])('%s compares the last %i days with as many before', async (query, days) => {
    const res = await get(query);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.period).toMatchObject({ choice: { days }, days, current: { to: isoDay(Date.now()) } });
    expect(body.method).toMatch(/two-proportion z-test.*Welch.*Holm/);
  });

  it('compares the days since a date with as many before, in JSON and HTML', async () => {
    const since = isoDay(Date.now() - 9 * 86_400_000);
    const body = (await (await get(`?since=${since}`)).json()) as any;
    expect(body.period).toMatchObject({ choice: { since }, days: 10, current: { from: since } });
    const html = await (await get(`?since=${since}&format=html`)).text();
    expect(html).toContain(`since ${since} (10 days`);
  });

  it.each([
    ['?days=14', 'days', /days must be 7, 28, 90/],
    ['?since=yesterday', 'since', /not a date/],
    ['?since=2000-01-01', 'since', /at most 198 days ago/],
  ])('%s is a 400 naming %s', async (query, path, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'no such report period', issues: [{ path: [path], message: expect.stringMatching(message) }] });
  });
});
