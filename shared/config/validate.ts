import type { z } from 'zod';
import { ConfigSchema, type Config } from '../schema/config.js';
import { nestedDeeperThan } from '../json-depth.js';
import { compileConfig, type CompiledConfig, type ConfigIssue } from './compile.js';

// Zod-free, so the studio's bundle can format paths without the schema.
export { formatPath } from './path.js';

/** Conditions stop at 16 levels; nothing else in a config comes near this. */
const MAX_CONFIG_DEPTH = 64;

export type ValidationResult =
  | { ok: true; config: Config; compiled: CompiledConfig }
  | { ok: false; issues: ConfigIssue[] };

/** Schema first (shape, URLs, ids), then everything the rule compiler checks. */
export function validateConfig(input: unknown): ValidationResult {
  if (nestedDeeperThan(input, MAX_CONFIG_DEPTH))
    return { ok: false, issues: [{ path: [], message: `the config nests deeper than ${MAX_CONFIG_DEPTH} levels` }] };
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const { compiled, issues } = compileConfig(parsed.data);
  if (!compiled) return { ok: false, issues };
  return { ok: true, config: parsed.data, compiled };
}

export function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}
