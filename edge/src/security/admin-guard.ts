import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.js';

/** Wrong admin tokens one address may present per window before it is told to wait. */
export const ADMIN_FAILURES = { limit: 30, windowMs: 10 * 60_000 };

interface Window {
  start: number;
  count: number;
}

/**
 * One object per client address, so every isolate counts that address's wrong admin
 * tokens in the same place. It holds one small record, and deletes it when the window
 * ends: nothing about an address outlives ten minutes.
 */
export class AdminGuard extends DurableObject<Env> {
  /** Counts one wrong token; answers the seconds to wait once the address is over the limit, else 0. */
  async failed(now = Date.now()): Promise<number> {
    let w = await this.ctx.storage.get<Window>('window');
    if (!w || now - w.start >= ADMIN_FAILURES.windowMs) {
      w = { start: now, count: 0 };
      await this.ctx.storage.setAlarm(now + ADMIN_FAILURES.windowMs);
    }
    w.count++;
    await this.ctx.storage.put('window', w);
    return w.count > ADMIN_FAILURES.limit ? Math.ceil((w.start + ADMIN_FAILURES.windowMs - now) / 1000) : 0;
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}

export function adminGuardFor(env: Env, client: string) {
  return env.ADMIN_GUARD.get(env.ADMIN_GUARD.idFromName(client));
}
