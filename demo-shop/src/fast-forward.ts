/**
 * The tester's fast-forward (local development only): the edge looks at this visitor's
 * waiting journey runs now and decides them as at their due time, so the cart reminder,
 * "we miss you" and the at-risk mail show up in the local outbox without waiting weeks.
 */
import { LIMITS } from '../../shared/schema/limits.js';
import config from '../vitrine.config.json';
import { setText } from './dom.js';
import type { SyntheticEvent } from './personas.js';

/** The visitor id the SDK keeps in its cookie (`vitrine_id=<id>.<consent bits>`). */
function visitorId(): string | null {
  return /(?:^|; )vitrine_id=([^.;]+)/.exec(document.cookie)?.[1] ?? null;
}

export async function fastForward(status: string): Promise<void> {
  const visitor = visitorId();
  if (!visitor) return setText(status, 'No visitor yet: load a persona (or allow personalisation) first.');
  const res = await fetch(`${location.origin}/v1/dev/fast-forward`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site: config.site, visitor }),
  });
  const body = (await res.json().catch(() => ({}))) as { moved?: number; error?: string };
  setText(
    status,
    res.ok
      ? `${body.moved} journey run${body.moved === 1 ? '' : 's'} fast-forwarded: their mails reach the outbox in a few seconds (npm start prints its address).`
      : `Fast-forward refused: ${body.error ?? res.status}`,
  );
}

/**
 * The part of a persona's past older than collect's 30-day window (an at-risk buyer's
 * orders of 75 days ago) goes to the journeys through the local-development replay, as
 * if the edge had seen it happen. Outside local development the edge refuses it, and the
 * tester goes on without it.
 */
export async function replayPast(events: SyntheticEvent[], consent: Record<string, boolean>): Promise<void> {
  const visitor = visitorId();
  const old = events.filter((e) => e.ts < Date.now() - LIMITS.eventPastMs + 60_000);
  if (!visitor || !old.length) return;
  await fetch(`${location.origin}/v1/dev/history`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ site: config.site, visitor, consent, events: old.map((e, i) => ({ id: `replay-${e.ts}-${i}`, name: e.name, ts: e.ts, ...e.params })) }),
  }).catch(() => undefined);
}
