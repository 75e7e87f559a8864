import { describe, expect, it } from 'vitest';
import { classifySource } from './source.js';

const shop = 'https://shop.example/';
const cases: [string, string, string | undefined, string][] = [
  ['utm cpc', `${shop}?utm_source=google&utm_medium=cpc`, 'https://www.google.com/', 'ads'],
  ['utm paid_social beats social referrer', `${shop}?utm_medium=paid_social`, 'https://www.facebook.com/', 'ads'],
  ['gclid without utm', `${shop}?gclid=abc`, 'https://www.google.com/', 'ads'],
  ['msclkid', `${shop}p?msclkid=1`, undefined, 'ads'],
  ['utm email', `${shop}?utm_source=newsletter&utm_medium=email`, undefined, 'email'],
  ['utm_source newsletter without medium', `${shop}?utm_source=weekly-newsletter`, undefined, 'email'],
  ['webmail referrer', shop, 'https://mail.google.com/mail/u/0/', 'email'],
  ['utm social', `${shop}?utm_medium=social`, undefined, 'social'],
  ['fbclid is social, not paid', `${shop}?fbclid=xyz`, undefined, 'social'],
  ['instagram referrer', shop, 'https://l.instagram.com/', 'social'],
  ['t.co referrer', shop, 'https://t.co/abc', 'social'],
  ['google organic', shop, 'https://www.google.nl/', 'organic'],
  ['duckduckgo organic', shop, 'https://duckduckgo.com/', 'organic'],
  ['utm organic', `${shop}?utm_medium=organic`, undefined, 'organic'],
  ['blog referral', shop, 'https://someblog.example/post', 'referral'],
  ['utm_source only is referral', `${shop}?utm_source=partner`, undefined, 'referral'],
  ['no referrer is direct', shop, undefined, 'direct'],
  ['same-site navigation is direct', `${shop}cart`, 'https://shop.example/product', 'direct'],
  ['non-http referrer is direct', shop, 'android-app://com.x', 'direct'],
  ['garbage url and referrer', 'not a url', 'also not', 'direct'],
  ['medium wins over click id', `${shop}?utm_medium=email&gclid=1`, undefined, 'email'],
  ['upper-case medium', `${shop}?utm_medium=CPC`, undefined, 'ads'],
  ['google lookalike host is referral', shop, 'https://google.evil-example.net/', 'referral'],
];

describe('classifySource', () => {
  it.each(cases)('%s', (_name, url, referrer, expected) => {
    expect(classifySource({ url, referrer })).toBe(expected);
  });
});
