import { validateConfig, type ValidationResult } from '../../../shared/config/validate.js';
import { unknownWebhooks } from '../../../shared/journeys/compile.js';
import { registeredNames } from '../delivery/registry.js';
import { indexKey, type StoredIndex } from '../recs/catalog-store.js';

/**
 * Everything a publish checks, which is also what the studio's editor shows as the
 * marketer types: the CLI's validation (with the uploaded catalog's categories), that the
 * config is for this site, and that journeys name only webhooks this site registered
 * (their secrets live there, not in the config).
 */
export async function checkForSite(kv: KVNamespace, json: unknown, site: string): Promise<ValidationResult> {
  const result = validateConfig(json, { catalogCategories: await catalogCategories(kv, site) });
  if (!result.ok) return result;
  const refuse = (issues: ValidationResult['issues']): ValidationResult => ({ ok: false, issues, warnings: result.warnings });
  if (result.config.site !== site) return refuse([{ path: ['site'], message: `config is for site "${result.config.site}", not "${site}"` }]);
  const unregistered = result.config.journeys.length ? unknownWebhooks(result.config, await registeredNames(kv, site)) : [];
  return unregistered.length ? refuse(unregistered) : result;
}

/**
 * The uploaded catalog's category names, for the config checks; none without a catalog,
 * or when it cannot be read: they only feed warnings, which must never stop a push.
 */
async function catalogCategories(kv: KVNamespace, site: string): Promise<string[] | undefined> {
  try {
    return (await kv.get<Pick<StoredIndex, 'categories'>>(indexKey(site), 'json'))?.categories;
  } catch {
    return undefined;
  }
}
