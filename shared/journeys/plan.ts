import type { CompiledJourney } from './compile.js';

/** Something a visitor did that journeys react to: an event (with its params), or entering a segment. */
export interface Signal {
  at: number;
  event?: string;
  segment?: string;
  /** The event itself, for `trigger.where`. */
  params?: Record<string, unknown>;
}

/** What a run remembers about what started it (the message's `trigger`). */
export interface TriggerFacts {
  event: string;
  segment?: string;
  at: number;
}

/** A run of this journey is waiting for this visitor, started at `triggerAt`. */
export interface Waiting {
  journey: string;
  triggerAt: number;
}

export type Step =
  | { action: 'schedule'; journey: string; trigger: TriggerFacts; due: number }
  | { action: 'cancel'; journey: string; reason: string };

/**
 * What a visitor's new signals do to their runs, in time order. A trigger schedules a run
 * due after the journey's wait; a new trigger of a journey already waiting restarts its
 * wait (the same run, never a second one). A `cancelIf` event cancels the journey's run
 * if that run started before it: a purchase cancels the cart reminder it follows, an
 * older purchase arriving late does not cancel a newer reminder. Pure: the caller applies
 * the steps, in order, to its store.
 */
export function plan(journeys: readonly CompiledJourney[], signals: readonly Signal[], waiting: readonly Waiting[], waitFor: (j: CompiledJourney) => number): Step[] {
  const startedAt = new Map(waiting.map((w) => [w.journey, w.triggerAt]));
  const steps: Step[] = [];
  const ordered = [...signals].sort((a, b) => a.at - b.at);
  for (const signal of ordered) {
    for (const journey of journeys) {
      const id = journey.spec.id;
      const started = startedAt.get(id);
      if (signal.event && journey.spec.cancelIf?.event === signal.event && started !== undefined && started <= signal.at) {
        steps.push({ action: 'cancel', journey: id, reason: `cancelIf: ${signal.event}` });
        startedAt.delete(id);
      }
      if (triggers(journey, signal)) {
        const trigger: TriggerFacts = signal.segment ? { event: 'segment_entered', segment: signal.segment, at: signal.at } : { event: signal.event!, at: signal.at };
        steps.push({ action: 'schedule', journey: id, trigger, due: signal.at + waitFor(journey) });
        startedAt.set(id, signal.at);
      }
    }
  }
  return steps;
}

function triggers(journey: CompiledJourney, signal: Signal): boolean {
  const { trigger } = journey.spec;
  if (trigger.segmentEntered !== undefined) return signal.segment === trigger.segmentEntered;
  return signal.event === trigger.event && (!journey.where || journey.where(signal.params ?? {}));
}

/** The event names a set of journeys listens to (triggers and cancellations): other events never reach the state objects. */
export function journeyEventNames(journeys: readonly CompiledJourney[]): Set<string> {
  const names = new Set<string>();
  for (const { spec } of journeys) {
    if (spec.trigger.event) names.add(spec.trigger.event);
    if (spec.cancelIf) names.add(spec.cancelIf.event);
  }
  return names;
}
