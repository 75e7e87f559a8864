import type { Issue as ConfigIssue, Path } from '../issue.js';
import { compileCondition, type Predicate } from '../rules/compile.js';
import { RecommendationsSchema, type Config, type Recommendations } from '../schema/config.js';
import type { Journey } from '../schema/journeys.js';
import { profilePaths } from './conditions.js';
import { mapData } from './data-walk.js';

export interface CompiledJourney {
  spec: Journey;
  /** Filters the trigger event's params; null when every event of that name triggers. */
  where: Predicate | null;
  /** Tested on the attribute tree when the wait ends; null passes everyone. */
  only: Predicate | null;
  /** The attribute paths the message reports in `profile`. */
  profilePaths: string[];
  /** The `{"recommendations": …}` blocks of `send.data`, in the order `mapData` meets them. */
  blocks: Recommendations[];
}

/** A recommendation block is a slot's recommendations without the manual lists (no visitor rules inside data). */
const BlockSchema = RecommendationsSchema.omit({ manual: true }).strict();

/**
 * Compiles the journeys of a schema-valid config and checks what serving them needs:
 * unique ids, segments that exist (a trigger on a missing segment would never fire), the
 * shape of recommendation blocks. Segments named in `only` are checked, with suggestions,
 * by the config checks (shared/config/check-config.ts). Webhook names are checked where the registry is known
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
    const compile = (condition: unknown, where: Path): Predicate | null => {
      if (condition === undefined) return null;
      const { predicate, issues: found } = compileCondition(condition, where);
      issues.push(...found);
      return predicate;
    };
    return {
      spec,
      where: compile(spec.trigger.where, [...at, 'trigger', 'where']),
      only: compile(spec.only, [...at, 'only']),
      profilePaths: profilePaths(spec),
      blocks: checkBlocks(spec.send.data, [...at, 'send', 'data'], issues),
    };
  });
  return { journeys, issues };
}

function checkBlocks(data: unknown, at: Path, issues: ConfigIssue[]): Recommendations[] {
  const blocks: Recommendations[] = [];
  mapData(
    data,
    {
      text: (text) => text,
      block: (block, where) => {
        const parsed = BlockSchema.safeParse(block.recommendations);
        if (parsed.success) blocks.push(parsed.data);
        else for (const issue of parsed.error.issues) issues.push({ path: [...where, 'recommendations', ...issue.path.map(String)], message: issue.message });
      },
    },
    at,
  );
  return blocks;
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
