import type { Consent } from '../../shared/schema/common.js';
import type { Item } from '../../shared/schema/events.js';

export type { Consent, Item };

/** One event as recorded and sent: `{id, name, ts, ...GA4 params}`. */
export interface TrackedEvent {
  id: string;
  name: string;
  ts: number;
  items?: Item[];
  value?: number;
  page_location?: string;
  page_referrer?: string;
  forced?: boolean;
  [param: string]: unknown;
}

export interface InitOptions {
  site: string;
  /** The edge's origin, e.g. `https://edge.example`. */
  endpoint: string;
  /** Decide timeout in ms (default 800). */
  timeout?: number;
  /** Hide slot elements while a decision is pending, for at most this many ms (true = 300). */
  antiFlicker?: boolean | number;
  /** Read GA4 e-commerce events the shop already pushes to `dataLayer`. */
  dataLayer?: boolean;
  /** Consent collected elsewhere (e.g. the site's CMP) that applies from the start. */
  consent?: Consent;
  /** Track a `page_view` automatically (default true). */
  pageView?: boolean;
}
