/**
 * What differs between two versions of a config, one line per segment, persona, slot,
 * experiment (or any other entity list) and per other top-level setting: the summary a
 * refused stale publish answers with, and the studio shows above a publish's diff.
 */
export interface ConfigChange {
  /** Where the entity is in `after` (or, when removed, its list in `after`). */
  path: (string | number)[];
  message: string;
}

import { own } from '../own.js';

type Json = unknown;
type Entity = { id: string };

/** JSON with object keys sorted, so key order never counts as a change. */
export function canonicalJson(value: Json): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const same = (a: Json, b: Json) => canonicalJson(a) === canonicalJson(b);
const isRecord = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);
const isEntityList = (v: Json): v is Entity[] => Array.isArray(v) && v.every((e) => isRecord(e) && typeof e.id === 'string');
/** "segments" → "segment", for messages. */
const noun = (key: string) => key.replace(/s$/, '');

export function configChanges(before: Json, after: Json): ConfigChange[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  const changes: ConfigChange[] = [];
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const [old, now] = [own(a, key), own(b, key)];
    if (same(old, now)) continue;
    if (isEntityList(old ?? []) && isEntityList(now ?? []) && (old || now)) changes.push(...listChanges(key, (old ?? []) as Entity[], (now ?? []) as Entity[]));
    else if (key === 'slots' && isRecord(old ?? {}) && isRecord(now ?? {})) changes.push(...recordChanges(key, (old ?? {}) as Record<string, Json>, (now ?? {}) as Record<string, Json>));
    else changes.push({ path: [key], message: `${key} ${old === undefined ? 'added' : now === undefined ? 'removed' : 'changed'}` });
  }
  return changes;
}

function listChanges(key: string, old: Entity[], now: Entity[]): ConfigChange[] {
  const before = new Map(old.map((e) => [e.id, e]));
  const after = new Set(now.map((e) => e.id));
  const out: ConfigChange[] = [];
  now.forEach((entity, index) => {
    const was = before.get(entity.id);
    if (!was) out.push({ path: [key, index], message: `${noun(key)} "${entity.id}" added` });
    else if (!same(was, entity)) out.push({ path: [key, index], message: `${noun(key)} "${entity.id}" changed` });
  });
  for (const entity of old) if (!after.has(entity.id)) out.push({ path: [key], message: `${noun(key)} "${entity.id}" removed` });
  const order = (list: Entity[]) => list.map((e) => e.id).filter((id) => after.has(id) && before.has(id));
  if (!out.length && order(old).join() !== order(now).join()) out.push({ path: [key], message: `${key} reordered` });
  return out;
}

function recordChanges(key: string, old: Record<string, Json>, now: Record<string, Json>): ConfigChange[] {
  const out: ConfigChange[] = [];
  for (const id of new Set([...Object.keys(now), ...Object.keys(old)])) {
    if (same(own(old, id), own(now, id))) continue;
    const what = !Object.hasOwn(old, id) ? 'added' : !Object.hasOwn(now, id) ? 'removed' : 'changed';
    out.push({ path: what === 'removed' ? [key] : [key, id], message: `${noun(key)} "${id}" ${what}` });
  }
  return out;
}
