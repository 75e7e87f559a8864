import type { CompiledConfig } from '../../../shared/config/compile.js';
import { authentic, expired, makeCode, parseCode, type HmacHex } from '../../../shared/codes.js';
import type { Code } from '../../../shared/schema/config.js';
import { keys } from '../config/keys.js';
import { hmacHex, siteSecret } from '../server/secret.js';

export async function codeSigner(kv: KVNamespace, site: string): Promise<HmacHex> {
  const secret = await siteSecret(kv, keys.codeSecret(site));
  return (message) => hmacHex(secret, message);
}

const referenced = new WeakMap<CompiledConfig, Code[]>();

/** The codes a config's copy uses (`{{code.<id>}}`), found once per compiled config. */
export function codesInCopy(compiled: CompiledConfig): Code[] {
  let codes = referenced.get(compiled);
  if (!codes) {
    const text = JSON.stringify(compiled.config.slots) + JSON.stringify(compiled.config.experiments);
    const ids = new Set([...text.matchAll(/\{\{\s*code\.([\w-]+)/g)].map((m) => m[1]));
    codes = compiled.config.codes.filter((c) => ids.has(c.id));
    referenced.set(compiled, codes);
  }
  return codes;
}

/**
 * `code.<id>` for the copy of an identified customer: their code for each definition the
 * copy uses and they may have (a code limited to an audience only for its members).
 * Anonymous visitors get none, so `{{code.x|}}` shows its fallback.
 */
export async function personalCodes(
  sign: HmacHex,
  codes: readonly Code[],
  customerId: string,
  inAudience: (audienceId: string) => boolean,
  now: number,
): Promise<Record<string, string>> {
  const out: Record<string, string> = Object.create(null);
  for (const code of codes) {
    if (code.audience && !inAudience(code.audience)) continue;
    out[code.id] = await makeCode(sign, code.id, code.prefix, customerId, now);
  }
  return out;
}

export type CodeCheck =
  | { status: 'valid'; code: Code; customerTag: string }
  | { status: 'expired' | 'unknown'; code?: Code };

/** Which definition a presented code belongs to, and whether it is genuine and in date. */
export async function checkCode(sign: HmacHex, codes: readonly Code[], presented: string, now: number): Promise<CodeCheck> {
  const parts = parseCode(presented);
  const code = parts && codes.find((c) => c.prefix === parts.prefix);
  if (!parts || !code || !(await authentic(sign, code.id, parts))) return { status: 'unknown' };
  if (expired(parts, code.validDays, now)) return { status: 'expired', code };
  return { status: 'valid', code, customerTag: parts.tag };
}

