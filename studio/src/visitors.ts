/**
 * Who a preview decides for: one of the variant tester's seed personas (their synthetic
 * histories, summarised exactly as the SDK summarises a real visitor's), a test visitor
 * the marketer saved, or attributes written by hand. Each becomes the visitor part of a
 * decide request.
 */
import { PERSONAS, personaEvents } from '../../demo-shop/src/personas.js';
import type { DecideRequest } from '../../shared/schema/decide.js';
import { makeEvent } from '../../sdk/src/events.js';
import { emptyAggregate } from '../../sdk/src/aggregate.js';
import { summarize } from '../../sdk/src/summary.js';

/** The part of a decide request a preview lets you choose; the studio adds the rest. */
export type VisitorRequest = Partial<Pick<DecideRequest, 'profile' | 'traits' | 'consent'>> & { context?: Partial<DecideRequest['context']> };

export interface SeedPersona {
  id: string;
  label: string;
  story: string;
}

export const SEED_PERSONAS: readonly SeedPersona[] = PERSONAS.map(({ id, label, story }) => ({ id, label, story }));

/** A persona's history as of `now`, as the visitor's own browser would send it. */
export function personaRequest(id: string, shopOrigin: string, now: number): VisitorRequest | null {
  const persona = PERSONAS.find((p) => p.id === id);
  if (!persona) return null;
  const events = personaEvents(persona, now).map((e) => makeEvent(e.name, e.params, e.ts));
  return {
    consent: { analytics: true, personalization: true },
    profile: summarize(emptyAggregate(), events),
    ...(persona.traits ? { traits: persona.traits } : {}),
    context: { url: new URL(persona.landing, shopOrigin).href },
  };
}

/** Test visitors are kept per site in this browser only: they hold made-up data, nothing to share. */
const storageKey = (site: string) => `vitrine-studio:visitors:${site}`;

export function savedVisitors(site: string): Map<string, VisitorRequest> {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey(site)) ?? '[]') as [string, VisitorRequest][];
    return new Map(Array.isArray(stored) ? stored : []);
  } catch {
    return new Map();
  }
}

export function saveVisitor(site: string, name: string, visitor: VisitorRequest): void {
  const all = savedVisitors(site);
  all.set(name, visitor);
  localStorage.setItem(storageKey(site), JSON.stringify([...all]));
}

/** The full preview request for a visitor: what a shop page at `url` would send, with the explanation asked for. */
export function previewRequest(visitor: VisitorRequest, visitorId: string | null, shopOrigin: string): Omit<DecideRequest, 'site'> {
  return {
    visitor: visitorId,
    consent: visitor.consent ?? { analytics: true, personalization: true },
    context: {
      url: visitor.context?.url ?? `${shopOrigin}/`,
      ...(visitor.context?.referrer ? { referrer: visitor.context.referrer } : {}),
      language: visitor.context?.language ?? navigator.language,
      timezone: visitor.context?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
    ...(visitor.profile ? { profile: visitor.profile } : {}),
    ...(visitor.traits ? { traits: visitor.traits } : {}),
    debug: true,
  };
}
