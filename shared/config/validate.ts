import type { z } from 'zod';
import { ConfigSchema, type Config } from '../schema/config.js';
import { compileConfig, type CompiledConfig, type ConfigIssue } from './compile.js';

export type ValidationResult =
  | { ok: true; config: Config; compiled: CompiledConfig }
  | { ok: false; issues: ConfigIssue[] };

/** Schema first (shape, URLs, ids), then everything the rule compiler checks. */
export function validateConfig(input: unknown): ValidationResult {
  const parsed = ConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const { compiled, issues } = compileConfig(parsed.data);
  if (!compiled) return { ok: false, issues };
  return { ok: true, config: parsed.data, compiled };
}

export function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

/** `slots.hero.variants[0].when` — how paths read in CLI output and error lists. */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : /^[A-Za-z_$][\w$-]*$/.test(p) ? (out ? `${out}.${p}` : p) : `${out}[${JSON.stringify(p)}]`),
    '',
  ) || '(root)';
}
