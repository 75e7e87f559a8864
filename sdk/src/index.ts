/**
 * Vitrine for bundlers. The same commands as the script tag, as functions:
 * `init({site, endpoint})`, then `consent`, `track`, `decide`… Each returns a promise
 * that never rejects (failures end in one console warning and `undefined`/`null`).
 */
import { createClient, type IdentifyOptions } from './client.js';
import type { Command } from './queue.js';
import type { Consent, InitOptions } from './types.js';
import type { DecideResponse } from './decide.js';

export type { Consent, InitOptions, DecideResponse, IdentifyOptions };
export type { TrackedEvent } from './types.js';

let client: Command | undefined;
/** The instance is made on first use, so importing this module on a server does nothing. */
export const vitrine: Command = (command, ...args) => (client ??= createClient())(command, ...args);

export const init = (options: InitOptions) => vitrine('init', options) as Promise<void>;
export const consent = (granted: Consent) => vitrine('consent', granted) as Promise<void>;
/** `options.ts` backdates the event (ms; for importing a history): refused beyond 5 minutes ahead or older than 90 days; over 30 days old it builds the profile but is not sent. */
export const track = (name: string, params?: Record<string, unknown>, options?: { ts?: number }) =>
  vitrine('track', name, params, options) as Promise<void>;
/**
 * Links the visitor to the shop's customer: `signature` is the lowercase hex
 * HMAC-SHA256 of `${site}:${customerId}:${expires}` made on the shop's server, `expires`
 * seconds since the epoch (at most 30 days ahead). `email`/`phone` are hashed in the
 * browser; only the hashes leave it. `identify(null)` drops the identity at once.
 */
export const identify = (customerId: string | null, options?: IdentifyOptions) => vitrine('identify', customerId, options) as Promise<void>;
/** The same as `identify(null)`: for the shop's sign-out. */
export const logout = () => vitrine('logout') as Promise<void>;
export const set = (traits: Record<string, unknown>) => vitrine('set', traits) as Promise<void>;
export const decide = () => vitrine('decide') as Promise<DecideResponse | null | undefined>;
export function on(event: 'decision', listener: (decision: DecideResponse) => void): Promise<void>;
export function on(event: 'ready', listener: () => void): Promise<void>;
export function on(event: 'consent', listener: (consent: Consent | null) => void): Promise<void>;
export function on(event: string, listener: (value: never) => void) {
  return vitrine('on', event, listener) as Promise<void>;
}
/** Resolves once everything tracked before it is stored in IndexedDB (safe to leave the page). */
export const flush = () => vitrine('flush') as Promise<void>;
/**
 * Deletes the cookie and IndexedDB data at once and asks the edge to forget this visitor;
 * until the edge confirms, only the visitor id is kept (to ask again on later pages).
 * Resolves to whether the edge has confirmed.
 */
export const forget = () => vitrine('forget') as Promise<boolean>;
