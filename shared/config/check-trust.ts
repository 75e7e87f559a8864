/**
 * `traits.*` is what the page sets: the visitor can write any value there. A discount code
 * or an audience that only `traits.*` decides is one any visitor can give themselves, so
 * the check warns where a code's or an audience's gate reads nothing else (segments are
 * followed to their own conditions). `customer.*` (verified uploads) is the place for it.
 */
import { LOGICAL_OPERATORS } from '../rules/operator-table.js';
import { referencedSegments } from '../rules/references.js';
import { isPlainObject } from '../rules/values.js';
import type { Config } from '../schema/config.js';
import type { CheckSink } from './check-conditions.js';

const ADVICE = 'any visitor can set traits.* with set(); gate it on customer.* (verified uploads) or on behaviour as well';

/** The attribute paths a condition reads, segments followed through `conditionOf`. */
function pathsRead(condition: unknown, conditionOf: (segment: string) => unknown, seen: Set<string>, out: Set<string>): Set<string> {
  const walk = (document: unknown, depth: number) => {
    if (!isPlainObject(document) || depth > 32) return;
    for (const [key, operand] of Object.entries(document)) {
      if (LOGICAL_OPERATORS.has(key) && Array.isArray(operand)) operand.forEach((item) => walk(item, depth + 1));
      else if (key === '$not') walk(operand, depth + 1);
      else if (key !== 'segments') out.add(key);
    }
  };
  walk(condition, 1);
  for (const id of referencedSegments(condition)) {
    if (seen.has(id)) continue;
    seen.add(id);
    pathsRead(conditionOf(id), conditionOf, seen, out);
  }
  return out;
}

function onlyTraits(condition: unknown, conditionOf: (segment: string) => unknown): boolean {
  const paths = pathsRead(condition, conditionOf, new Set(), new Set());
  return paths.size > 0 && [...paths].every((path) => path === 'traits' || path.startsWith('traits.'));
}

export function checkTrust(config: Config, sink: CheckSink): void {
  const conditionOf = (id: string) => config.segments.find((s) => s.id === id)?.when;
  config.audiences.forEach((audience, i) => {
    if (onlyTraits({ segments: audience.segment }, conditionOf))
      sink.warn(['audiences', i, 'segment'], `audience "${audience.id}" is decided by traits.* alone: ${ADVICE}`);
  });
  const codeIds = new Set(config.codes.map((c) => c.id));
  for (const [slotId, slot] of Object.entries(config.slots)) {
    slot.variants.forEach((variant, i) => {
      const shown = [...JSON.stringify(variant.content).matchAll(/\{\{\s*code\.([\w-]+)/g)].map((m) => m[1]).filter((id) => codeIds.has(id));
      const gate = config.codes.filter((c) => shown.includes(c.id) && !c.audience);
      if (gate.length > 0 && onlyTraits(variant.when, conditionOf))
        sink.warn(['slots', slotId, 'variants', i, 'when'], `this variant shows code "${gate[0].id}" to visitors chosen by traits.* alone: ${ADVICE}`);
    });
  }
}
