import type { CompiledConfig } from '../../../shared/config/compile.js';

const memo = new WeakMap<CompiledConfig, readonly string[]>();

/**
 * The attribute paths a compiled config reads: its conditions' paths (prefixes included)
 * and every `{{placeholder}}` in its copy. Worked out once per compiled config, so the
 * pipeline fetches outside data (weather, learned category neighbours) only for a config
 * that uses it.
 */
export function pathsRead(compiled: CompiledConfig): readonly string[] {
  let paths = memo.get(compiled);
  if (!paths) {
    // Placeholders sit in copy anywhere in the config (slots, arms): the text finds them all.
    const placeholders = [...JSON.stringify(compiled.config).matchAll(/\{\{\s*([\w.-]+)/g)].map((m) => m[1]);
    paths = [...compiled.rules.paths, ...placeholders];
    memo.set(compiled, paths);
  }
  return paths;
}

/** Whether the config reads `root` or anything below it. */
export function reads(compiled: CompiledConfig, root: string): boolean {
  return pathsRead(compiled).some((path) => path === root || path.startsWith(`${root}.`));
}
