/**
 * The editor's outline: every segment, persona, slot, experiment and journey of the
 * config, with where it starts in the text, so a click jumps there.
 */
import { jsonPositions } from '../../shared/json-lines.js';

export interface OutlineEntry {
  id: string;
  /** The entity's name where it has one. */
  label: string;
  line: number;
  from: number;
}
export interface OutlineGroup {
  title: string;
  entries: OutlineEntry[];
}

const GROUPS: [key: string, title: string][] = [
  ['segments', 'Segments'],
  ['personas', 'Personas'],
  ['slots', 'Slots'],
  ['experiments', 'Experiments'],
  ['journeys', 'Journeys'],
];

/** Null when the text is not JSON (the editor then keeps the last outline). */
export function outline(text: string): OutlineGroup[] | null {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return null;
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) return [];
  const positions = jsonPositions(text);
  const at = (path: (string | number)[]) => positions.get(JSON.stringify(path));
  const groups: OutlineGroup[] = [];
  for (const [key, title] of GROUPS) {
    const value = Object.hasOwn(config, key) ? (config as Record<string, unknown>)[key] : undefined;
    const items: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : value && typeof value === 'object' ? Object.entries(value) : [];
    const entries = items.flatMap(([k, item]) => {
      const where = at([key, k]);
      const record = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
      const id = typeof k === 'string' ? k : typeof record.id === 'string' ? record.id : `#${k + 1}`;
      const label = typeof record.name === 'string' && record.name ? record.name : id;
      return where ? [{ id, label, line: where.line, from: where.from }] : [];
    });
    if (entries.length) groups.push({ title, entries });
  }
  return groups;
}
