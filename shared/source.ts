/** Traffic sources, as decide reports them and the profile keeps them (`SourceSchema`). */
export const SOURCES = ['ads', 'organic', 'email', 'social', 'referral', 'direct'] as const;
export type Source = (typeof SOURCES)[number];

/**
 * Traffic source of a landing, from utm tags, ad click ids and the referrer, in that
 * order of trust: a tagged link says what the marketer meant; a click id proves a paid
 * click; the referrer is the fallback. Same-site referrers are navigation, not a source.
 */
export interface SourceInput {
  url: string;
  referrer?: string;
}

const PAID_CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid', 'ttclid', 'twclid', 'li_fat_id', 'epik'];
const PAID_MEDIUMS = /^(cpc|ppc|cpm|cpv|cpa|paid|paid[-_ ]?(search|social|media)|display|banner|retargeting|affiliate|shopping)$/;
const EMAIL_MEDIUMS = /^(e[-_]?mail|newsletter|mailing)$/;
const SOCIAL_MEDIUMS = /^(social|social[-_ ]?(network|media)|sm|organic[-_ ]?social)$/;
const SEARCH_HOSTS = /(^|\.)(google|bing|duckduckgo|yahoo|ecosia|baidu|yandex|startpage|qwant|search\.brave|naver|seznam)\.[a-z.]+$/;
const SOCIAL_HOSTS = /(^|\.)(facebook|fb|instagram|t|x|twitter|linkedin|lnkd|pinterest|reddit|tiktok|youtube|threads|bsky|mastodon\.social|snapchat|tumblr)\.[a-z.]+$/;
const WEBMAIL_HOSTS = /^(mail\.google\.com|outlook\.(live|office)\.com|mail\.yahoo\.com|mail\.proton\.me|webmail\..+)$/;

export function classifySource({ url, referrer }: SourceInput): Source {
  const page = parse(url);
  const params = page?.searchParams;
  const medium = params?.get('utm_medium')?.toLowerCase().trim() ?? '';
  const utmSource = params?.get('utm_source')?.toLowerCase().trim() ?? '';
  if (medium) {
    if (PAID_MEDIUMS.test(medium)) return 'ads';
    if (EMAIL_MEDIUMS.test(medium)) return 'email';
    if (SOCIAL_MEDIUMS.test(medium)) return 'social';
    if (medium === 'organic') return 'organic';
    if (medium === 'referral') return 'referral';
  }
  if (params && PAID_CLICK_IDS.some((id) => params.has(id))) return 'ads';
  if (/newsletter|e-?mail/.test(utmSource)) return 'email';
  // fbclid is added to every outbound Facebook link, paid or not.
  if (params?.has('fbclid')) return 'social';

  const ref = referrer ? parse(referrer) : null;
  if (!ref || !/^https?:$/.test(ref.protocol)) return utmSource ? 'referral' : 'direct';
  const host = ref.hostname.toLowerCase();
  if (page && host === page.hostname.toLowerCase()) return 'direct';
  if (WEBMAIL_HOSTS.test(host)) return 'email';
  if (SEARCH_HOSTS.test(host)) return 'organic';
  if (SOCIAL_HOSTS.test(host)) return 'social';
  return 'referral';
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
