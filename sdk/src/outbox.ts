import type { TrackedEvent } from './types.js';

/** Offline for days, a visitor keeps the newest events only: storage stays bounded. */
export const MAX_OUTBOX = 500;
/** The edge remembers event ids for 30 days; older unconfirmed events are dropped, not risked twice. */
export const RESEND_WITHIN_MS = 25 * 86_400_000;
export const BATCH = 100;

// The outbox: events wait here (and in IndexedDB, with the rest of the state) until the edge
// has taken them. Every event keeps the id it was made with, so a resend after a lost answer
// is dropped by the edge's dedupe instead of counted twice.

export const addToOutbox = (out: readonly TrackedEvent[], event: TrackedEvent) => [...out, event].slice(-MAX_OUTBOX);

export const withoutSent = (out: readonly TrackedEvent[], sent: readonly TrackedEvent[]) => out.filter((e) => !sent.some((s) => s.id === e.id));

/** What earlier pages left that the edge can still dedupe. */
export const resendable = (out: readonly TrackedEvent[], now: number) => out.filter((e) => e.ts >= now - RESEND_WITHIN_MS);
