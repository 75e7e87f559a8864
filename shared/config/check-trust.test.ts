import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../schema/config.js';
import { validateConfig } from './validate.js';

/** A site with a win-back code shown by a variant gated on `when`, and an audience on segment `gate`. */
function site(gateWhen: Record<string, unknown>, variantWhen: Record<string, unknown>, codeAudience?: string): ConfigInput {
  return {
    site: 'trust',
    segments: [
      { id: 'gate', when: gateWhen },
      { id: 'lapsed', when: { 'rfm.recencyDays': { $gt: 90 } } },
    ],
    audiences: [{ id: 'vip-mail', name: 'VIP mail', segment: 'gate', purpose: 'email' }],
    codes: [{ id: 'winback', prefix: 'WB', percent: 10, validDays: 30, ...(codeAudience && { audience: codeAudience }) }],
    slots: {
      hero: {
        default: { headline: 'Hello' },
        variants: [{ id: 'code', when: variantWhen, content: { headline: 'Your code {{code.winback|}}' } }],
      },
    },
  };
}

const trustWarnings = (config: ConfigInput) => {
  const result = validateConfig(config);
  expect(result.issues).toEqual([]);
  return result.warnings.filter((w) => /traits\.\* alone/.test(w.message)).map((w) => w.path.join('.'));
};

describe('codes and audiences gated on page traits alone (issue 13, finding 5)', () => {
  it.each([
    ['audience and variant on traits only', { 'traits.tier': 'vip' }, { 'traits.tier': 'vip' }, undefined, ['audiences.0.segment', 'slots.hero.variants.0.when']],
    ['variant through a traits-only segment', { 'traits.tier': 'vip' }, { segments: 'gate' }, undefined, ['audiences.0.segment', 'slots.hero.variants.0.when']],
    ['on verified customer data', { 'customer.tier': 'vip' }, { 'customer.segment': 'at-risk' }, undefined, []],
    ['traits together with behaviour', { $and: [{ 'traits.tier': 'vip' }, { 'rfm.f': { $gte: 3 } }] }, { $or: [{ 'traits.tier': 'vip' }, { segments: 'lapsed' }] }, undefined, []],
    ['the code limited to an audience (consent and its segment decide)', { 'customer.tier': 'vip' }, { 'traits.tier': 'vip' }, 'vip-mail', []],
  ])('%s', (_name, gateWhen, variantWhen, codeAudience, expected) => {
    expect(trustWarnings(site(gateWhen, variantWhen, codeAudience))).toEqual(expected);
  });
});
