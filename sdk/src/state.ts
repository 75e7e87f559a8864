import type { DecideResponse } from './decide.js';
import { emptyAggregate, type Aggregate } from './aggregate.js';
import type { Consent, TrackedEvent } from './types.js';

type Source = DecideResponse['context']['source'];

/** SHA-256 of the normalised email and phone (shared/identifiers.ts): never the addresses themselves. */
export interface Hashes {
  emailSha256?: string;
  phoneSha256?: string;
}

/**
 * Who the shop says the visitor is, as decide carries it: the customer id, signed by the
 * shop's server until `expires` (seconds since the epoch), and hashes of their addresses.
 */
export interface Identity extends Hashes {
  customerId?: string;
  signature?: string;
  expires?: number;
}

/** The record format; a record of another version is not read. */
export const VERSION = 1;

/**
 * Everything the client knows about its visitor, and what it saves between pages as one
 * IndexedDB entry (with consent). The visitor id and the choice are in the `vitrine_id`
 * cookie too, which is what a page (and the edge) reads first.
 */
export interface State {
  v: typeof VERSION;
  visitor: string | null;
  /** Every purpose, granted or not. */
  consent: Required<Consent>;
  /** Running totals of events that left the log. */
  agg: Aggregate;
  /** Recent events, time ordered (personalization). */
  log: TrackedEvent[];
  /** Events not yet confirmed by the edge (analytics). */
  out: TrackedEvent[];
  /** The last decision, painted at once on the next page (personalization). */
  dec: DecideResponse | null;
  /** Experiment id → arm, sent back so changed weights never move a visitor. */
  asg: Record<string, string>;
  /** Experiment id → the signed token decide gave with the arm, which its exposure carries back. */
  tok: Record<string, string | undefined>;
  /** Experiments this visitor has been exposed to (one exposure event each). */
  exp: string[];
  me: Identity;
  /** What the page set with `set` (personalization). */
  traits?: Record<string, unknown>;
  /** First and last traffic source, as the edge classified the page that opened a session. */
  src: { first?: Source; last?: Source };
}

export const DENIED: Required<Consent> = { analytics: false, personalization: false, ads: false, email: false };

export const emptyState = (): State => ({
  v: VERSION,
  visitor: null,
  consent: DENIED,
  agg: emptyAggregate(),
  log: [],
  out: [],
  dec: null,
  asg: {},
  tok: {},
  exp: [],
  me: {},
  src: {},
});
