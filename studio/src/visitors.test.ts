import { describe, expect, it } from 'vitest';
import { personaRequest, SEED_PERSONAS } from './visitors.js';

const NOW = Date.parse('2026-06-15T12:00:00Z');
const DAY = 86_400_000;

describe('seed personas as preview visitors', () => {
  it('offers every persona of the variant tester', () => {
    expect(SEED_PERSONAS.map((p) => p.id)).toContain('thriller-lover');
  });

  it('summarises the thriller lover as the SDK would: four thrillers viewed over two sessions', () => {
    const visitor = personaRequest('thriller-lover', 'https://shop.example', NOW)!;
    expect(visitor.profile?.categories?.thrillers?.views).toBe(4);
    expect(visitor.profile?.sessions).toBe(2);
    expect(visitor.profile?.purchases).toEqual({ count: 0, revenue: 0 });
    expect(visitor.context?.url).toBe('https://shop.example/');
  });

  it('dates a champion’s last order five days back and keeps persona traits and landing page', () => {
    expect(personaRequest('champion', 'https://shop.example', NOW)!.profile?.purchases?.last).toBe(NOW - 5 * DAY);
    expect(personaRequest('dress-traded-down', 'https://shop.example', NOW)!.traits).toEqual({ size: 'M' });
    expect(personaRequest('email-visitor', 'https://shop.example', NOW)!.context?.url).toContain('utm_medium=email');
  });

  it('knows no persona it was not given', () => {
    expect(personaRequest('nobody', 'https://shop.example', NOW)).toBeNull();
  });
});
