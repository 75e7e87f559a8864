/**
 * Checks slot content on raw JSON: every `{{placeholder}}` in every string names an
 * attribute (an unknown one is always filled with its fallback or nothing), and a variant
 * only sets content keys its slot's default has (a renderer shows the keys it knows, so a
 * misspelt key is silently never shown).
 */
import { isPlainObject } from '../rules/values.js';
import { placeholderPaths } from '../placeholders.js';
import { resolveAttribute } from './attribute-paths.js';
import { checkName, type CheckContext } from './check-conditions.js';
import type { Path } from './compile.js';
import { didYouMean } from './suggest.js';

export function checkPlaceholders(content: unknown, at: Path, ctx: CheckContext): void {
  if (typeof content === 'string') {
    for (const path of placeholderPaths(content)) {
      const resolved = resolveAttribute(path);
      if (!resolved.ok) ctx.error(at, `{{${path}}}: ${resolved.message}`);
      else if (resolved.named) checkName(resolved.named, at, ctx);
    }
  } else if (Array.isArray(content)) {
    content.forEach((value, i) => checkPlaceholders(value, [...at, i], ctx));
  } else if (isPlainObject(content)) {
    for (const [key, value] of Object.entries(content)) checkPlaceholders(value, [...at, key], ctx);
  }
}

/** Warns about each key of `content` that the slot's default content does not have. */
export function checkContentKeys(content: unknown, defaults: unknown, slotId: string, at: Path, ctx: CheckContext): void {
  if (!isPlainObject(content) || !isPlainObject(defaults)) return;
  const known = Object.keys(defaults);
  for (const key of Object.keys(content)) {
    if (!Object.hasOwn(defaults, key))
      ctx.warn([...at, key], `content key "${key}" is not in the default content of slot "${slotId}"${didYouMean(key, known)}`);
  }
}
