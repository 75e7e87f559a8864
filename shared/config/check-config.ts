/**
 * The authoring checks of a config, on its raw JSON so they run beside the schema's and
 * report in the same pass. Errors: conditions against the attribute tree, placeholders,
 * segment references, experiments (slot, weights), journeys (trigger segment, message). Warnings, for what is legal but
 * suspicious: content keys the slot's default lacks, segments nothing uses, personas and
 * variants that can never be reached, unknown keys, category names missing from the
 * catalog. Shapes it does not find are skipped: the schema reports them.
 */
import { journeyConditions, journeyTexts } from '../journeys/conditions.js';
import { referencedSegments } from '../rules/references.js';
import { isPlainObject } from '../rules/values.js';
import { ConfigSchema } from '../schema/config.js';
import { checkCondition, type CheckContext } from './check-conditions.js';
import { checkContentKeys, checkPlaceholders } from './check-content.js';
import { checkKeys } from './check-keys.js';
import type { ConfigIssue, Path } from './compile.js';
import { didYouMean } from './suggest.js';

export interface CheckOptions {
  /** Category names of the site's catalog, when it has one: names outside it are warned about. */
  catalogCategories?: Iterable<string>;
}

export interface Checked {
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

/** A condition in the config: `visitor` conditions read the attribute tree; goal filters read events. */
export interface FoundCondition {
  condition: unknown;
  at: Path;
  visitor: boolean;
}

const WEIGHT_TOLERANCE = 0.001;

export function checkConfig(raw: unknown, options: CheckOptions = {}): Checked {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const ctx: CheckContext = {
    error: (path, message) => errors.push({ path, message }),
    warn: (path, message) => warnings.push({ path, message }),
    segmentIds: list(field(raw, 'segments')).flatMap((s) => stringField(s, 'id') ?? []),
    codeIds: list(field(raw, 'codes')).flatMap((c) => stringField(c, 'id') ?? []),
    ...(options.catalogCategories && { categories: new Set(options.catalogCategories) }),
  };
  const conditions = conditionsOf(raw);
  for (const { condition, at, visitor } of conditions) if (visitor) checkCondition(condition, at, ctx);
  checkSlots(raw, ctx);
  checkExperiments(raw, ctx);
  checkJourneys(raw, ctx);
  checkUnusedSegments(raw, conditions, ctx);
  checkShadowed(list(field(raw, 'personas')), ['personas'], 'persona', 'match', ctx);
  for (const [slotId, slot] of entries(field(raw, 'slots')))
    checkShadowed(list(field(slot, 'variants')), ['slots', slotId, 'variants'], 'variant', 'be shown', ctx);
  checkKeys(ConfigSchema, raw, [], ctx);
  return { errors, warnings };
}

/** Every condition in the config, with its JSON path. */
export function conditionsOf(raw: unknown): FoundCondition[] {
  const out: FoundCondition[] = [];
  const add = (condition: unknown, at: Path, visitor = true) => {
    if (condition !== undefined) out.push({ condition, at, visitor });
  };
  list(field(raw, 'segments')).forEach((s, i) => add(field(s, 'when'), ['segments', i, 'when']));
  list(field(raw, 'personas')).forEach((p, i) => add(field(p, 'when'), ['personas', i, 'when']));
  for (const [slotId, slot] of entries(field(raw, 'slots'))) {
    list(field(slot, 'variants')).forEach((v, i) => add(field(v, 'when'), ['slots', slotId, 'variants', i, 'when']));
    list(field(field(slot, 'recommendations'), 'manual')).forEach((m, i) =>
      add(field(m, 'when'), ['slots', slotId, 'recommendations', 'manual', i, 'when']),
    );
  }
  list(field(raw, 'experiments')).forEach((e, i) => {
    add(field(e, 'audience'), ['experiments', i, 'audience']);
    add(field(field(e, 'goal'), 'filter'), ['experiments', i, 'goal', 'filter'], false);
  });
  for (const { condition, at, visitor } of journeyConditions(raw)) add(condition, at, visitor);
  return out;
}

function checkSlots(raw: unknown, ctx: CheckContext): void {
  for (const [slotId, slot] of entries(field(raw, 'slots'))) {
    const defaults = field(slot, 'default');
    checkPlaceholders(defaults, ['slots', slotId, 'default'], ctx);
    list(field(slot, 'variants')).forEach((variant, i) => {
      const at: Path = ['slots', slotId, 'variants', i, 'content'];
      checkPlaceholders(field(variant, 'content'), at, ctx);
      checkContentKeys(field(variant, 'content'), defaults, slotId, at, ctx);
    });
  }
}

function checkExperiments(raw: unknown, ctx: CheckContext): void {
  const slots = field(raw, 'slots');
  const slotIds = entries(slots).map(([id]) => id);
  list(field(raw, 'experiments')).forEach((experiment, i) => {
    const slotId = stringField(experiment, 'slot');
    if (slotId !== undefined && !slotIds.includes(slotId))
      ctx.error(['experiments', i, 'slot'], `slot "${slotId}" is not defined in slots${didYouMean(slotId, slotIds)}`);
    const arms = list(field(experiment, 'variants'));
    arms.forEach((arm, j) => {
      const at: Path = ['experiments', i, 'variants', j, 'content'];
      checkPlaceholders(field(arm, 'content'), at, ctx);
      if (slotId !== undefined) checkContentKeys(field(arm, 'content'), field(field(slots, slotId), 'default'), slotId, at, ctx);
    });
    const weights = arms.map((arm) => field(arm, 'weight'));
    if (weights.length > 0 && weights.every((w): w is number => typeof w === 'number' && Number.isFinite(w))) {
      const sum = weights.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > WEIGHT_TOLERANCE)
        ctx.error(['experiments', i, 'variants'], `variant weights add up to ${round(sum)} (${weights.join(' + ')}); they must add up to 1`);
    }
  });
}

/** A journey fires on a segment that exists, and its message's placeholders name attributes. */
function checkJourneys(raw: unknown, ctx: CheckContext): void {
  list(field(raw, 'journeys')).forEach((journey, i) => {
    const entered = stringField(field(journey, 'trigger'), 'segmentEntered');
    if (entered !== undefined && !ctx.segmentIds.includes(entered))
      ctx.error(['journeys', i, 'trigger', 'segmentEntered'], `segment "${entered}" is not defined in segments${didYouMean(entered, ctx.segmentIds)}`);
  });
  for (const { text, at } of journeyTexts(raw)) checkPlaceholders(text, at, ctx);
}

function checkUnusedSegments(raw: unknown, conditions: FoundCondition[], ctx: CheckContext): void {
  const used = new Set(conditions.filter((c) => c.visitor).flatMap((c) => referencedSegments(c.condition)));
  for (const audience of list(field(raw, 'audiences'))) used.add(stringField(audience, 'segment') ?? '');
  for (const journey of list(field(raw, 'journeys'))) used.add(stringField(field(journey, 'trigger'), 'segmentEntered') ?? '');
  list(field(raw, 'segments')).forEach((segment, i) => {
    const id = stringField(segment, 'id');
    if (id !== undefined && !used.has(id))
      ctx.warn(['segments', i, 'id'], `segment "${id}" is used by no rule, slot, experiment, persona, audience or journey (decide still lists it in "segments")`);
  });
}

/**
 * First match wins among personas and among a slot's variants, so one after a condition
 * that always holds, or after the same condition, is never reached.
 */
function checkShadowed(items: unknown[], at: Path, noun: string, reached: string, ctx: CheckContext): void {
  const seen = new Map<string, string>();
  let always: string | undefined;
  items.forEach((item, i) => {
    const when = field(item, 'when');
    const id = stringField(item, 'id') ?? String(i);
    const key = canonical(when);
    if (always !== undefined) ctx.warn([...at, i, 'when'], `${noun} "${id}" can never ${reached}: ${noun} "${always}" before it matches every visitor`);
    else if (key !== undefined && seen.has(key))
      ctx.warn([...at, i, 'when'], `${noun} "${id}" can never ${reached}: ${noun} "${seen.get(key)}" before it has the same condition`);
    if (always === undefined && alwaysHolds(when)) always = id;
    if (key !== undefined && !seen.has(key)) seen.set(key, id);
  });
}

/** A condition that holds for every visitor: `{}`, or made only of such (`$and`), or with one in an `$or`. */
function alwaysHolds(condition: unknown): boolean {
  if (!isPlainObject(condition)) return false;
  return Object.entries(condition).every(([key, operand]) => {
    if (!Array.isArray(operand) || operand.length === 0) return false;
    if (key === '$and') return operand.every(alwaysHolds);
    if (key === '$or') return operand.some(alwaysHolds);
    return false;
  });
}

/** JSON with object keys sorted: equal conditions give equal text. */
function canonical(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function field(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function entries(value: unknown): [string, unknown][] {
  return isPlainObject(value) ? Object.entries(value) : [];
}
