import type { Source } from '../../shared/schema/profile.js';

const AD_CLICK_IDS = /[?&](gclid|gbraid|wbraid|dclid|msclkid|ttclid|li_fat_id)=/;
const PAID_MEDIUM = /^(cpc|ppc|cpm|cpv|paid.*|display|banner|retargeting|affiliate)$/;
const SEARCH = /(^|\.)(google|bing|duckduckgo|yahoo|ecosia|baidu|yandex|qwant|startpage|brave)\./;
const SOCIAL = /(^|\.)(facebook|instagram|t|twitter|x|linkedin|pinterest|reddit|tiktok|youtube|threads|mastodon|lnkd)\.(com|co|social|in)$/;
const MAIL = /^(mail\.|outlook\.|webmail)/;

/**
 * Where a visit came from, by the usual channel rules: utm tags and ad click ids first,
 * then the referrer's host. A referrer on the shop's own host is internal navigation,
 * which counts as direct.
 */
export function classifySource(url: string, referrer: string): Source {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'direct';
  }
  const param = (name: string) => (u.searchParams.get(name) || '').toLowerCase();
  const medium = param('utm_medium');
  if (AD_CLICK_IDS.test(u.search) || PAID_MEDIUM.test(medium)) return 'ads';
  if (/e-?mail|newsletter/.test(medium)) return 'email';
  if (/social/.test(medium)) return 'social';
  if (medium === 'organic') return 'organic';
  let host = '';
  try {
    host = new URL(referrer).hostname;
  } catch {
    /* no referrer */
  }
  if (!host || host === u.hostname) return param('utm_source') ? 'referral' : 'direct';
  if (MAIL.test(host)) return 'email';
  if (SEARCH.test(host)) return 'organic';
  if (SOCIAL.test(host)) return 'social';
  return 'referral';
}
