/**
 * The tester's fast-forward (local development only): the edge looks at this visitor's
 * waiting journey runs now and decides them as at their due time, so the cart reminder,
 * "we miss you" and the at-risk mail show up in the local outbox without waiting weeks.
 */
import config from '../vitrine.config.json';
import { setText } from './dom.js';

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
