import { classifySource } from '../../../shared/source.js';
import type { DecideRequest } from '../../../shared/schema/decide.js';
import type { Source } from '../../../shared/schema/profile.js';
import type { ProvidedContext } from '../context/providers.js';
import { localTime } from './clock.js';
import { deviceClass, type Device } from './device.js';
import type { RequestFacts } from './facts.js';

/** Where the decision will be shown: a page, a mail, a chat, an ad. */
export type Channel = 'web' | 'email' | 'chat' | 'ads';

/** What the edge knows about the request itself: from Cloudflare, headers and the page URL. */
export interface EdgeContext {
  url: string;
  path: string;
  referrerHost: string | null;
  source: Source;
  utm: { source?: string; medium?: string; campaign?: string };
  device: Device;
  country: string | null;
  region: string | null;
  city: string | null;
  language: string | null;
  hour: number;
  weekday: string;
  channel: Channel;
  weather?: ProvidedContext['weather'];
}

/** The context of a request: the page it names, the facts of the request, and what providers added. */
export function edgeContext(
  req: Pick<DecideRequest, 'context' | 'profile'>,
  facts: RequestFacts,
  now: number,
  extra: { channel?: Channel; provided?: ProvidedContext } = {},
): EdgeContext {
  const page = safeUrl(req.context.url);
  const params = page?.searchParams;
  const referrer = req.context.referrer ? safeUrl(req.context.referrer) : null;
  let source = classifySource({ url: req.context.url, referrer: req.context.referrer });
  // Moving between pages of the shop is not a new source: the session keeps where it came from.
  if (source === 'direct' && referrer && page && referrer.hostname === page.hostname && req.profile?.source?.last)
    source = req.profile.source.last;
  const { hour, weekday } = localTime(now, req.context.timezone, facts.cf?.timezone);
  return {
    url: req.context.url,
    path: page?.pathname ?? '/',
    referrerHost: referrer?.hostname ?? null,
    source,
    utm: {
      source: params?.get('utm_source') ?? undefined,
      medium: params?.get('utm_medium') ?? undefined,
      campaign: params?.get('utm_campaign') ?? undefined,
    },
    device: deviceClass(facts.userAgent, facts.chMobile),
    country: facts.cf?.country ?? null,
    region: facts.cf?.region ?? null,
    city: facts.cf?.city ?? null,
    language: req.context.language?.toLowerCase() ?? null,
    hour,
    weekday,
    channel: extra.channel ?? 'web',
    ...extra.provided,
  };
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
