import { validateConfig, type ValidationResult } from '../../../shared/config/validate.js';
import type { Problem } from '../http/problems.js';

/** Validation (the CLI's) plus the one check that needs the URL: the config is for this site. */
export function checkConfig(json: unknown, site: string): ValidationResult {
  const result = validateConfig(json);
  if (result.ok && result.config.site !== site)
    return { ok: false, issues: [{ path: ['site'], message: `config is for site "${result.config.site}", not "${site}"` }] };
  return result;
}

/** Warnings the validator gives beside its errors: advice that never blocks a publish. */
export const warningsOf = (result: ValidationResult): Problem[] => (result as { warnings?: Problem[] }).warnings ?? [];
