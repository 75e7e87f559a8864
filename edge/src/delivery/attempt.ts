import { signingSecrets, type Webhook } from './registry.js';
import { signedHeaders } from './signature.js';

/** A receiver that has not answered in this time has failed this attempt. */
export const ATTEMPT_TIMEOUT_MS = 10_000;

export interface AttemptOutcome {
  ok: boolean;
  error?: string;
}

/**
 * One signed POST. Only a 2xx is success; a redirect is not followed (the signature was
 * made for this receiver) and counts as a failure, like any other answer or a timeout.
 */
export async function attemptDelivery(hook: Webhook, id: string, body: string, now: number): Promise<AttemptOutcome> {
  const headers = await signedHeaders(signingSecrets(hook, now), id, Math.floor(now / 1000), body);
  try {
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Vitrine-Webhooks/1' },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
  } catch (error) {
    const e = error as Error;
    return { ok: false, error: e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s` : `network error: ${e.message}` };
  }
}
