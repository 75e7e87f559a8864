// Types of the ESM build (dist/sdk/index.js), self-contained so a shop's bundler needs
// nothing else. sdk/src/index.test.ts checks them against the shared zod contracts.

export interface Consent {
  analytics: boolean;
  personalization: boolean;
  /** Ads audiences: Google Consent Mode v2's ad_user_data + ad_personalization. Global Privacy Control forces it off. Missing = false. */
  ads?: boolean;
  /** The customer opted in to marketing mail (the shop confirms it). Missing = false. */
  email?: boolean;
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

export interface Content {
  headline?: string;
  body?: string;
  image?: { src: string; alt: string };
  cta?: { label: string; href: string };
  [field: string]: string | { src: string; alt: string } | { label: string; href: string } | undefined;
}

export interface RecommendedItem {
  id: string;
  name: string;
  category: string;
  price: number;
  image?: string;
  url?: string;
  reason: string;
}

export interface SlotDecision {
  variant: string;
  content?: Content;
  items?: RecommendedItem[];
  experiment?: string;
  forced?: boolean;
}

export interface DecideResponse {
  configVersion: string;
  segments: string[];
  persona: { id: string; name: string } | null;
  rfm: {
    recencyDays: number;
    frequency: number;
    monetary: number;
    r: number;
    f: number;
    m: number;
    segment: string;
    clv: number;
  } | null;
  context: {
    country: string | null;
    region: string | null;
    city: string | null;
    device: 'mobile' | 'tablet' | 'desktop' | 'bot';
    source: 'ads' | 'organic' | 'email' | 'social' | 'referral' | 'direct';
  };
  slots: Record<string, SlotDecision>;
  experiments: { id: string; variant: string; slot: string; token?: string }[];
  identity?: { status: 'verified' | 'unsigned' | 'invalid' | 'unknown'; reason?: string };
  /** Only in debug mode (`debug: true`): every variant id each slot can show, and why this visitor sees what they see. */
  debug?: {
    variants: Record<string, string[]>;
    /** The context the edge decided with. */
    context?: Record<string, unknown>;
    segments?: { id: string; name?: string; matched: boolean; why?: Why }[];
    personas?: { id: string; name: string; matched: boolean; why?: Why }[];
    slots?: Record<
      string,
      {
        reason: 'forced' | 'experiment' | 'variant' | 'default';
        variant: string;
        experiment?: { id: string; inAudience: boolean; inTraffic: boolean; arm?: string };
        /** Variants tried before the one shown, each with the condition that failed. */
        tried?: { variant: string; why: Why }[];
      }
    >;
  };
}

/** A condition that did not hold, e.g. `{path: 'rfm.recencyDays', operator: '$lt', expected: 60, actual: 80, message: 'rfm.recencyDays is 80, rule wants $lt 60'}`. */
export interface Why {
  path: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  message: string;
}

/** GA4 e-commerce parameters; custom events may carry other scalar parameters. */
export interface EventParams {
  items?: { item_id: string; item_name?: string; item_category?: string; price?: number; quantity?: number }[];
  value?: number;
  currency?: string;
  transaction_id?: string;
  search_term?: string;
  [param: string]: unknown;
}

/** Every command, as the script tag's `vitrine(…)` takes it. Never rejects. */
export declare function vitrine(command: string, ...args: unknown[]): Promise<unknown>;
export declare function init(options: InitOptions): Promise<void>;
/** Grants or withdraws per purpose (missing = false); Global Privacy Control keeps `ads` off. */
export declare function consent(granted: Consent): Promise<void>;
/**
 * Records an event. `options.ts` (ms since the epoch) backdates it, to import a history;
 * a time over 5 minutes ahead or older than 90 days is refused (one warning saying why,
 * event dropped); one over 30 days old builds the profile but is not sent to the edge.
 */
export declare function track(name: string, params?: EventParams, options?: { ts?: number }): Promise<void>;
export interface IdentifyOptions {
  /** Lowercase hex HMAC-SHA256 of `${site}:${customerId}:${expires}` under the site's identity secret, made on the shop's server. */
  signature?: string;
  /** Seconds since the epoch, at most 30 days ahead; the identity is sent only until then. */
  expires?: number;
  /** Hashed (SHA-256, after Customer Match normalisation) in the browser; only the hash leaves it. */
  email?: string;
  /** In E.164 with its country code (`+31 20 123 4567`); hashed like the email. */
  phone?: string;
}

/**
 * Links the visitor to the shop's customer (sent with personalization, ads or email
 * consent, while `expires` is in the future). `identify(null)` drops it at once.
 */
export declare function identify(customerId: string | null, options?: IdentifyOptions): Promise<void>;
/** The same as `identify(null)`, for the shop's sign-out. */
export declare function logout(): Promise<void>;
export declare function set(traits: Record<string, unknown>): Promise<void>;
/** The edge's decision, rendered into the page's slots; null when it failed or timed out. */
export declare function decide(): Promise<DecideResponse | null | undefined>;
export declare function on(event: 'decision', listener: (decision: DecideResponse) => void): Promise<void>;
export declare function on(event: 'ready', listener: () => void): Promise<void>;
/** Called at once with the current choice (null while none is known), then on every change. */
export declare function on(event: 'consent', listener: (consent: Consent | null) => void): Promise<void>;
/** Resolves once everything tracked before it is stored in IndexedDB, so the page may be left. */
export declare function flush(): Promise<void>;
/**
 * Deletes the cookie and IndexedDB data at once and asks the edge to forget this visitor.
 * Until the edge confirms (a 2xx), only the visitor id is kept, in the `vitrine_forget`
 * cookie, and the request goes again on later pages and when the browser is back online.
 * Resolves to whether the edge has confirmed (false when it was unreachable or answered 5xx).
 */
export declare function forget(): Promise<boolean>;
