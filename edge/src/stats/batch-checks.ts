import type { CompiledConfig } from '../../../shared/config/compile.js';
import { EventSchema, eventTimeProblem, type VitrineEvent } from '../../../shared/schema/events.js';
import type { Problem } from '../http/problems.js';

export type Rejected = Problem & { index: number };

/**
 * Each event checked on its own, against the schema and against the clock (`now`, and at
 * most `pastMs` old): good ones kept with their index in the batch, bad ones listed by
 * path with the reason.
 */
export function checkEvents(raw: readonly unknown[], now: number, pastMs?: number): { events: { index: number; event: VitrineEvent }[]; rejected: Rejected[] } {
  const events: { index: number; event: VitrineEvent }[] = [];
  const rejected: Rejected[] = [];
  raw.forEach((value, index) => {
    const parsed = EventSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) rejected.push({ index, path: ['events', index, ...issue.path.map(String)], message: issue.message });
      return;
    }
    const late = eventTimeProblem(parsed.data.ts, now, pastMs);
    if (late) rejected.push({ index, path: ['events', index, 'ts'], message: late });
    else events.push({ index, event: parsed.data });
  });
  return { events, rejected };
}

/**
 * The segments a batch names, kept only where the served config defines them: a name the
 * config does not know would be stored for nothing and show up in reports as a row anyone
 * can write ("Call 0800-SCAM now"). The count dropped goes back in the answer.
 */
export function knownSegments(sent: readonly string[] | undefined, known: ReadonlySet<string>): { segments: string[]; dropped: number } {
  const segments = [...new Set(sent ?? [])].filter((s) => known.has(s));
  return { segments, dropped: (sent?.length ?? 0) - segments.length };
}

const idsByConfig = new WeakMap<CompiledConfig, ReadonlySet<string>>();

/** The config's segment ids as a set, built once per compiled version. */
export function segmentIdsOf(compiled: CompiledConfig): ReadonlySet<string> {
  let ids = idsByConfig.get(compiled);
  if (!ids) idsByConfig.set(compiled, (ids = new Set(compiled.config.segments.map((s) => s.id))));
  return ids;
}
