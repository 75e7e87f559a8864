import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authentic, dayOf, expired, makeCode, parseCode } from './codes.js';

const hmacWith = (secret: string) => async (message: string) => createHmac('sha256', secret).update(message).digest('hex');
const hmac = hmacWith('site-secret');
const NOW = Date.UTC(2026, 10, 29, 12);

describe('personal discount codes', () => {
  it('are unique per customer and per site, stable within a day', async () => {
    const codes = await Promise.all(Array.from({ length: 2000 }, (_, i) => makeCode(hmac, 'winback', 'WB', `customer-${i}`, NOW)));
    expect(new Set(codes).size).toBe(2000);
    expect(codes[0]).toMatch(/^WB-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(await makeCode(hmac, 'winback', 'WB', 'customer-0', NOW + 3_600_000)).toBe(codes[0]);
    expect(await makeCode(hmacWith('other-site'), 'winback', 'WB', 'customer-0', NOW)).not.toBe(codes[0]);
  });

  it('check out only for the code definition and secret that made them', async () => {
    const code = await makeCode(hmac, 'winback', 'WB', 'c-1', NOW);
    const parts = parseCode(code)!;
    expect(parts.day).toBe(dayOf(NOW));
    expect(await authentic(hmac, 'winback', parts)).toBe(true);
    expect(await authentic(hmac, 'welcome', parts)).toBe(false);
    expect(await authentic(hmacWith('other-site'), 'winback', parts)).toBe(false);
    // One character changed: refused.
    const last = code.at(-1) === '0' ? '1' : '0';
    expect(await authentic(hmac, 'winback', parseCode(code.slice(0, -1) + last)!)).toBe(false);
  });

  it('read as people type them', async () => {
    const code = await makeCode(hmac, 'winback', 'WB', 'c-2', NOW);
    const typed = ` ${code.toLowerCase().replace(/-/g, ' ').replace(/^wb /, 'wb-')}`;
    expect(parseCode(typed)).toEqual(parseCode(code));
    expect(parseCode('WB-1234')).toBeNull();
    expect(parseCode('nonsense')).toBeNull();
  });

  it.each([
    [0, false], [29, false], [30, true], [31, true],
  ])('with validDays 30, %i days after issue expired is %s', async (days, result) => {
    const parts = parseCode(await makeCode(hmac, 'winback', 'WB', 'c-3', NOW))!;
    expect(expired(parts, 30, NOW + days * 86_400_000)).toBe(result);
  });
});
