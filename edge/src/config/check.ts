import { validateConfig, type ValidationResult } from '../../../shared/config/validate.js';

/** Validation (the CLI's) plus the one check that needs the URL: the config is for this site. */
export function checkForSite(json: unknown, site: string): ValidationResult {
  const result = validateConfig(json);
  if (result.ok && result.config.site !== site)
    return { ok: false, issues: [{ path: ['site'], message: `config is for site "${result.config.site}", not "${site}"` }], warnings: result.warnings };
  return result;
}
