import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.js';

/** One per site: the counters that must add up (experiments, co-purchases, rate limits). */
export class SiteStats extends DurableObject<Env> {}
