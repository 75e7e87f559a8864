import { describe, expect, it } from 'vitest';
import { classifySource } from './source.js';

const SHOP = 'https://shop.example/';

describe('classifySource', () => {
  it.each([
    ['no referrer, no tags', SHOP, '', 'direct'],
    ['a Google Ads click id', `${SHOP}?gclid=abc`, 'https://www.google.com/', 'ads'],
    ['a Microsoft Ads click id', `${SHOP}p/1?msclkid=x`, '', 'ads'],
    ['utm_medium=cpc', `${SHOP}?utm_source=google&utm_medium=cpc`, '', 'ads'],
    ['utm_medium=paid_social', `${SHOP}?utm_medium=paid_social`, '', 'ads'],
    ['utm_medium=email', `${SHOP}?utm_source=newsletter&utm_medium=email`, '', 'email'],
    ['utm_medium=social', `${SHOP}?utm_medium=social`, '', 'social'],
    ['a Google search referrer', SHOP, 'https://www.google.de/', 'organic'],
    ['a DuckDuckGo referrer', SHOP, 'https://duckduckgo.com/', 'organic'],
    ['a Facebook referrer', SHOP, 'https://l.facebook.com/', 'social'],
    ['a t.co referrer', SHOP, 'https://t.co/abc', 'social'],
    ['a webmail referrer', SHOP, 'https://mail.google.com/', 'email'],
    ['another site', SHOP, 'https://blog.example.org/post', 'referral'],
    ['the shop itself (internal navigation)', `${SHOP}cart`, `${SHOP}p/1`, 'direct'],
    ['utm_source with no referrer', `${SHOP}?utm_source=partner`, '', 'referral'],
    ['an unparseable page URL', 'not a url', '', 'direct'],
  ])('%s → %s', (_, url, referrer, expected) => {
    expect(classifySource(url, referrer)).toBe(expected);
  });
});
