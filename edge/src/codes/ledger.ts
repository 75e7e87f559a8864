import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env.js';

export type Redemption = 'redeemed' | 'already used';

/**
 * One per site: the codes redeemed, one row per (code definition, customer). A Durable
 * Object runs one call at a time and the row has a primary key, so of any number of
 * racing redeem calls for one customer's code exactly one answers "redeemed".
 */
export class CodeLedger extends DurableObject<Env> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS redeemed (
      code_id TEXT NOT NULL, customer_tag TEXT NOT NULL, code TEXT NOT NULL, at INTEGER NOT NULL,
      PRIMARY KEY (code_id, customer_tag))`);
  }

  redeem(codeId: string, customerTag: string, code: string, now: number): Redemption {
    const written = this.sql.exec(
      'INSERT INTO redeemed (code_id, customer_tag, code, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      codeId, customerTag, code, now,
    ).rowsWritten;
    return written > 0 ? 'redeemed' : 'already used';
  }
}

export function ledgerFor(env: Env, site: string) {
  return env.CODE_LEDGER.get(env.CODE_LEDGER.idFromName(site));
}
