/**
 * The editor's outline: every segment, persona, slot, experiment and journey of the
 * config, with where it starts in the text, so a click jumps there.
 */
import { readJson, type Position } from '../../scripts/json-lines.js';

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

/** Offset of a 1-based line and column in `text`. */
function offsetOf(text: string, { line, column }: Position): number {
  let offset = 0;
  for (let n = 1; n < line; n++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

/** Null when the text is not JSON (the editor then keeps the last outline). */
export function outline(text: string): OutlineGroup[] | null {
  const read = readJson(text);
  if (!read.ok) return null;
  const config = read.value;
  if (!config || typeof config !== 'object' || Array.isArray(config)) return [];
  const at = (path: (string | number)[]) => {
    const position = read.positions.get(JSON.stringify(path));
    return position && { line: position.line, from: offsetOf(text, position) };
  };
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
