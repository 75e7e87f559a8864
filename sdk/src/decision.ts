import type { DecideResponse } from './decide.js';
import type { State } from './state.js';

/** The state after a fresh decision: its arms kept, each with its token, and (with personalization consent) the decision cached for the next page. */
export function withDecision(s: State, d: DecideResponse): State {
  // fromEntries defines own keys, so an experiment id like "__proto__" stays a plain key.
  const asg = Object.fromEntries(d.experiments.map((e) => [e.id, e.variant]));
  const tok = Object.fromEntries(d.experiments.map((e) => [e.id, e.token]));
  return { ...s, asg: { ...s.asg, ...asg }, tok: { ...s.tok, ...tok }, dec: s.consent.personalization ? d : s.dec };
}

/** The source of the page that opened a session: the first one stays, the last one moves. */
export const withSource = (s: State, source: DecideResponse['context']['source']): State => ({ ...s, src: { first: s.src.first ?? source, last: source } });

/**
 * The exposure events owed for the slots a decision rendered: one per experiment per
 * visitor, with the arm's token, none for forced views or without analytics consent. Returns the state that
 * remembers them and the events' parameters.
 */
export function withExposures(s: State, d: DecideResponse, rendered: readonly string[]): [State, Record<string, string | undefined>[]] {
  const exp = [...s.exp];
  const events = [];
  for (const slot of rendered) {
    const { experiment, variant, forced } = d.slots[slot];
    if (!experiment || forced || !s.consent.analytics || exp.includes(experiment)) continue;
    exp.push(experiment);
    // The signed assignment decide gave with the arm: the edge counts the exposure only with it.
    events.push({ experiment, variant, token: s.tok[experiment] });
  }
  return [events.length ? { ...s, exp } : s, events];
}
