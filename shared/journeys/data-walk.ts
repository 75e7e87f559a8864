import { isPlainObject } from '../rules/values.js';
import { isRecommendationBlock } from '../schema/journeys.js';

export type Path = (string | number)[];

/**
 * The one walk over a journey's `send.data`, depth first in key order: the config check
 * collects the recommendation blocks with it, and the fire step fills the same blocks in
 * the same order, so the n-th block checked is the n-th block filled.
 */
export function mapData(value: unknown, visit: { text(text: string, at: Path): unknown; block(block: { recommendations: unknown }, at: Path): unknown }, at: Path = []): unknown {
  if (typeof value === 'string') return visit.text(value, at);
  if (Array.isArray(value)) return value.map((v, i) => mapData(v, visit, [...at, i]));
  if (isRecommendationBlock(value)) return visit.block(value, at);
  if (isPlainObject(value)) {
    // A null-prototype copy: keys come from the config, and "__proto__" is refused there anyway.
    const out: Record<string, unknown> = Object.create(null);
    for (const [key, v] of Object.entries(value)) out[key] = mapData(v, visit, [...at, key]);
    return out;
  }
  return value;
}
