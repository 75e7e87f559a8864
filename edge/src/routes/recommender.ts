import type { Loaded } from '../config/cache.js';
import type { Recommend } from '../decide/slots.js';
import type { Env } from '../env.js';
import type { DecideRequest } from '../../../shared/schema/decide.js';

/** Recommendation slots are filled once the catalog and lists are wired in (issue 6). */
export async function recommenderFor(_env: Env, _loaded: Loaded, _request: DecideRequest): Promise<Recommend | undefined> {
  return undefined;
}
