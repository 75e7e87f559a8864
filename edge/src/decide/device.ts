export type Device = 'mobile' | 'tablet' | 'desktop' | 'bot';

const BOT = /bot|crawl|spider|slurp|headlesschrome|lighthouse|preview|facebookexternalhit|curl|wget|python-requests/i;
const TABLET = /ipad|tablet|kindle|silk|playbook|(android(?!.*mobile))/i;
const MOBILE = /mobi|iphone|ipod|android.*mobile|windows phone|blackberry|opera mini/i;

/** Client hints when the browser sends them (Chromium), the user agent otherwise. */
export function deviceClass(userAgent: string | undefined, chMobile: string | undefined): Device {
  const ua = userAgent ?? '';
  if (BOT.test(ua)) return 'bot';
  if (chMobile === '?1') return 'mobile';
  if (TABLET.test(ua)) return 'tablet';
  if (MOBILE.test(ua)) return 'mobile';
  return 'desktop';
}
