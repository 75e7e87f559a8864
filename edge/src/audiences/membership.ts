import type { Audience } from '../../../shared/schema/config.js';
import type { Consent } from '../../../shared/schema/common.js';

/** The purposes an audience can need. */
export const AUDIENCE_PURPOSES = ['email', 'ads'] as const;
export type Purpose = (typeof AUDIENCE_PURPOSES)[number];

/** One purpose as the customer last stated it, and when (ms): the consent record. */
export interface PurposeChoice {
  granted: boolean;
  at: number;
}
export type Purposes = Partial<Record<Purpose, PurposeChoice>>;
/** What one sighting says about each purpose; a purpose it does not mention is left as it was. */
export type Stated = Partial<Record<Purpose, boolean>>;

/**
 * The purposes a page or upload actually states. A purpose it leaves out is false for that
 * request but is no statement about the customer: a banner that only asks about analytics
 * must not undo an opt-in to mail the customer gave the shop offline. Global Privacy
 * Control is a statement: it withdraws `ads` whatever the page says.
 */
export function statedPurposes(consent: Partial<Pick<Consent, Purpose>>, gpc: boolean): Stated {
  const stated: Stated = {};
  for (const purpose of AUDIENCE_PURPOSES) if (typeof consent[purpose] === 'boolean') stated[purpose] = consent[purpose];
  if (gpc) stated.ads = false;
  return stated;
}

/**
 * The customer's purposes after a statement made at `at`. A change is kept only when it is
 * not older than the choice it replaces (an offline opt-in uploaded late does not undo a
 * withdrawal made on the site since); an unchanged choice keeps the time it was first made,
 * which is when the consent was given.
 */
export function mergePurposes(stored: Purposes, stated: Stated, at: number): Purposes {
  const next: Purposes = { ...stored };
  for (const purpose of AUDIENCE_PURPOSES) {
    const granted = stated[purpose];
    if (granted === undefined) continue;
    const before = stored[purpose];
    if (!before || (before.granted !== granted && at >= before.at)) next[purpose] = { granted, at };
  }
  return next;
}

/** The audiences a customer belongs in: in the audience's segment, with its purpose granted. */
export function qualifyingAudiences(audiences: readonly Audience[], segments: readonly string[], purposes: Purposes): Audience[] {
  return audiences.filter((a) => segments.includes(a.segment) && purposes[a.purpose]?.granted === true);
}

/** Who enters and who leaves: `current` are the audience ids the customer is a member of now. */
export function membershipChanges(audiences: readonly Audience[], current: ReadonlySet<string>, qualifying: readonly Audience[]): { entered: Audience[]; exited: Audience[] } {
  const keep = new Set(qualifying.map((a) => a.id));
  return {
    entered: qualifying.filter((a) => !current.has(a.id)),
    exited: audiences.filter((a) => current.has(a.id) && !keep.has(a.id)),
  };
}
