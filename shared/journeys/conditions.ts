/**
 * Where a config's journeys hold conditions and copy, found on the raw JSON (shapes it
 * does not recognise are skipped: the schema reports those). The attribute-tree checks
 * take these lists beside the config's own conditions, so journeys get the same path
 * checks, operand checks and "did you mean" as segments and variants.
 */
import { LOGICAL_OPERATORS } from '../rules/operator-table.js';
import { isPlainObject } from '../rules/values.js';
import { placeholderPaths } from '../placeholders.js';

export type Path = (string | number)[];

/** `visitor`: the condition reads the attribute tree (`only`); otherwise an event's params (`trigger.where`). */
export interface JourneyCondition {
  condition: unknown;
  at: Path;
  visitor: boolean;
}

export interface JourneyText {
  text: string;
  at: Path;
}

function journeysOf(raw: unknown): [Record<string, unknown>, Path][] {
  const list = isPlainObject(raw) && Array.isArray(raw.journeys) ? raw.journeys : [];
  return list.flatMap((j, i): [Record<string, unknown>, Path][] => (isPlainObject(j) ? [[j, ['journeys', i]]] : []));
}

/** Every condition in the journeys, with its JSON path. */
export function journeyConditions(raw: unknown): JourneyCondition[] {
  const out: JourneyCondition[] = [];
  for (const [journey, at] of journeysOf(raw)) {
    if (journey.only !== undefined) out.push({ condition: journey.only, at: [...at, 'only'], visitor: true });
    const trigger = journey.trigger;
    if (isPlainObject(trigger) && trigger.where !== undefined) out.push({ condition: trigger.where, at: [...at, 'trigger', 'where'], visitor: false });
  }
  return out;
}

/** Every string in the journeys' `send.data` (where `{{placeholders}}` may be), with its JSON path. */
export function journeyTexts(raw: unknown): JourneyText[] {
  const out: JourneyText[] = [];
  const walk = (value: unknown, at: Path): void => {
    if (typeof value === 'string') out.push({ text: value, at });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, i]));
    else if (isPlainObject(value)) for (const [key, v] of Object.entries(value)) walk(v, [...at, key]);
  };
  for (const [journey, at] of journeysOf(raw)) {
    const send = journey.send;
    if (isPlainObject(send) && isPlainObject(send.data)) walk(send.data, [...at, 'send', 'data']);
  }
  return out;
}

/** The attribute paths a condition reads (top level and under $and/$or/$nor/$not). */
export function conditionPaths(condition: unknown): string[] {
  const paths = new Set<string>();
  const visit = (doc: unknown, depth: number): void => {
    if (!isPlainObject(doc) || depth > 16) return;
    for (const [key, operand] of Object.entries(doc)) {
      if (LOGICAL_OPERATORS.has(key) && Array.isArray(operand)) for (const item of operand) visit(item, depth + 1);
      else if (key === '$not') visit(operand, depth + 1);
      else if (!key.startsWith('$')) paths.add(key);
    }
  };
  visit(condition, 1);
  return [...paths];
}

/** What a journey's message reports in `profile`: the paths its `only` and its placeholders read. */
export function profilePaths(journeyRaw: unknown): string[] {
  const paths = new Set<string>();
  for (const { condition, visitor } of journeyConditions({ journeys: [journeyRaw] })) if (visitor) for (const p of conditionPaths(condition)) paths.add(p);
  for (const { text } of journeyTexts({ journeys: [journeyRaw] })) for (const p of placeholderPaths(text)) paths.add(p);
  return [...paths];
}
