import type { ConfigIssue, Path } from '../config/compile.js';
import { compileCondition, referencedSegments, type Predicate } from '../rules/compile.js';
import { RecommendationsSchema, type Config } from '../schema/config.js';
import { isPlainObject } from '../rules/values.js';
import { isRecommendationBlock, type Journey } from '../schema/journeys.js';
import { profilePaths } from './conditions.js';

export interface CompiledJourney {
  spec: Journey;
  /** Filters the trigger event's params; null when every event of that name triggers. */
  where: Predicate | null;
  /** Tested on the attribute tree when the wait ends; null passes everyone. */
  only: Predicate | null;
  /** The attribute paths the message reports in `profile`. */
  profilePaths: string[];
}

/** A recommendation block is a slot's recommendations without the manual lists (no visitor rules inside data). */
const BlockSchema = RecommendationsSchema.omit({ manual: true }).strict();

/**
 * Compiles the journeys of a schema-valid config and checks what serving them needs:
 * unique ids, segments that exist (a trigger on a missing segment would never fire), the
 * shape of recommendation blocks. Webhook names are checked where the registry is known
 * (`unknownWebhooks`). Every problem carries its JSON path.
 */
export function compileJourneys(config: Config): { journeys: CompiledJourney[]; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const segments = new Set(config.segments.map((s) => s.id));
  const seen = new Set<string>();
  const journeys = config.journeys.map((spec, i): CompiledJourney => {
    const at: Path = ['journeys', i];
    if (seen.has(spec.id)) issues.push({ path: [...at, 'id'], message: `duplicate id "${spec.id}"` });
    seen.add(spec.id);
    const entered = spec.trigger.segmentEntered;
    if (entered !== undefined && !segments.has(entered))
      issues.push({ path: [...at, 'trigger', 'segmentEntered'], message: `segment "${entered}" is not defined in segments` });
    for (const ref of referencedSegments(spec.only ?? {}))
      if (!segments.has(ref)) issues.push({ path: [...at, 'only'], message: `refers to segment "${ref}", which is not defined` });
    const compile = (condition: unknown, where: Path): Predicate | null => {
      if (condition === undefined) return null;
      const { predicate, issues: found } = compileCondition(condition, where);
      issues.push(...found);
      return predicate;
    };
    checkBlocks(spec.send.data, [...at, 'send', 'data'], issues);
    return {
      spec,
      where: compile(spec.trigger.where, [...at, 'trigger', 'where']),
      only: compile(spec.only, [...at, 'only']),
      profilePaths: profilePaths(spec),
    };
  });
  return { journeys, issues };
}

function checkBlocks(data: unknown, at: Path, issues: ConfigIssue[]): void {
  if (isRecommendationBlock(data)) {
    const parsed = BlockSchema.safeParse(data.recommendations);
    if (!parsed.success)
      for (const issue of parsed.error.issues) issues.push({ path: [...at, 'recommendations', ...issue.path.map(String)], message: issue.message });
  } else if (Array.isArray(data)) data.forEach((v, i) => checkBlocks(v, [...at, i], issues));
  else if (isPlainObject(data)) for (const [key, v] of Object.entries(data)) checkBlocks(v, [...at, key], issues);
}

/** Journeys naming a webhook the site has not registered, each with its path. */
export function unknownWebhooks(config: Config, registered: ReadonlySet<string>): ConfigIssue[] {
  return config.journeys.flatMap((j, i) =>
    registered.has(j.send.webhook)
      ? []
      : [{ path: ['journeys', i, 'send', 'webhook'], message: `webhook "${j.send.webhook}" is not registered for site "${config.site}" (PUT /admin/sites/${config.site}/webhooks/${j.send.webhook} {url})` }],
  );
}

/** The webhook names a config's journeys send to (the CLI, which cannot see the registry, lists them). */
export function webhookNames(config: Config): string[] {
  return [...new Set(config.journeys.map((j) => j.send.webhook))];
}
