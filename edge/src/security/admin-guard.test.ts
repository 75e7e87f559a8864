import { env, runInDurableObject, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ADMIN_FAILURES, adminGuardFor, type AdminGuard } from './admin-guard.js';

const SITE_PATH = '/admin/sites/admin-guard/config';
/** A GET from `address`; `authorization` as given, or none. */
const from = (address: string, authorization?: string) =>
  SELF.fetch(new Request(`https://edge.example${SITE_PATH}`, { headers: { 'cf-connecting-ip': address, ...(authorization !== undefined && { authorization }) } }));
const RIGHT = 'Bearer test-admin-token';
const counted = (address: string) =>
  runInDurableObject(adminGuardFor(env, address), async (_: AdminGuard, state) => (await state.storage.get<{ count: number }>('window'))?.count ?? 0);

describe('admin lockout (finding 3)', () => {
  it('requests without a token, as any cross-origin page can send, count nothing and lock nobody out', async () => {
    const address = '203.0.113.31';
    for (let i = 0; i < ADMIN_FAILURES.limit + 5; i++) {
      const res = await from(address, i % 2 ? undefined : 'Bearer ');
      expect(res.status).toBe(401);
    }
    expect(await counted(address)).toBe(0);
    expect((await from(address, RIGHT)).status).not.toBe(429);
  });

  it('past the limit a wrong token gets 429 with Retry-After, and the right token still passes', async () => {
    const address = '203.0.113.32';
    for (let i = 0; i < ADMIN_FAILURES.limit; i++) expect((await from(address, `Bearer guess-${i}`)).status).toBe(401);
    const over = await from(address, 'Bearer guess-again');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(ADMIN_FAILURES.windowMs / 1000);
    // The owner, from the same address, mid-attack: never refused.
    expect((await from(address, RIGHT)).status).toBe(404);
    // Other addresses are not affected.
    expect((await from('203.0.113.33', 'Bearer one-wrong')).status).toBe(401);
  });

  it('counts in one Durable Object per address, which every isolate shares', async () => {
    const address = '203.0.113.34';
    for (let i = 0; i < 3; i++) await from(address, `Bearer guess-${i}`);
    expect(await counted(address)).toBe(3);
    // What another isolate would see: the same object, and its count goes on from there.
    expect(await adminGuardFor(env, address).failed()).toBe(0);
    expect(await counted(address)).toBe(4);
  });

  it('forgets the address when the window ends', async () => {
    const address = '203.0.113.35';
    await from(address, 'Bearer wrong');
    const guard = adminGuardFor(env, address);
    await runInDurableObject(guard, (instance: AdminGuard) => instance.alarm());
    expect(await counted(address)).toBe(0);
  });
});
