/** Helpers for journey tests in workerd: the site, its webhook on the local receiver, and waiting for messages. */
import { env, runDurableObjectAlarm, SELF } from 'cloudflare:test';
import { inject } from 'vitest';
import type { Received } from './receiver.js';
import { shardFor } from '../visitors/shard.js';
import { ADMIN, decideBody, post, put } from './fixtures.js';

const BASE = 'https://edge.example';
let seq = 0;

export const receiverUrl = (hook: string) => `${inject('receiver')}/hooks/${hook}`;

/** Registers `name` to the receiver path `hook`; answers the secret. */
export async function registerWebhook(site: string, name: string, hook: string): Promise<string> {
  const res = await SELF.fetch(put(`/admin/sites/${site}/webhooks/${name}`, { url: receiverUrl(hook) }));
  if (res.status !== 201) throw new Error(`webhook not registered: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { secret: string }).secret;
}

export async function scriptReceiver(hook: string, answers: string[]): Promise<void> {
  await fetch(`${receiverUrl(hook)}/script`, { method: 'PUT', body: JSON.stringify(answers) });
}

export async function received(hook: string): Promise<Received[]> {
  return (await fetch(receiverUrl(hook))).json();
}

/** Polls until `check` holds (or throws after `ms`). */
export async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function event(name: string, ts: number, params: Record<string, unknown> = {}) {
  return { id: `evt-${Date.now()}-${++seq}`, name, ts, ...params };
}

export async function collect(site: string, visitor: string, events: unknown[], consent = { analytics: true, personalization: true, email: true }) {
  const res = await SELF.fetch(post('/v1/collect', { site, visitor, consent, events }));
  if (res.status !== 200) throw new Error(`collect: ${res.status} ${await res.text()}`);
}

/** A decide carrying `profile`, and the wait until the visitor's shard has stored it. */
export async function decide(site: string, visitor: string, extra: Record<string, unknown> = {}) {
  const sent = Date.now();
  const res = await SELF.fetch(post('/v1/decide', decideBody(site, { visitor, consent: { analytics: true, personalization: true, email: true }, ...extra })));
  if (res.status !== 200) throw new Error(`decide: ${res.status} ${await res.text()}`);
  const answer = await res.json();
  await until(() => visitorState(site, visitor), (s) => s !== null && s.profileAt >= sent);
  return answer as { segments: string[] };
}

export const shard = (site: string, visitor: string) => shardFor(env, site, visitor).stub;
export const visitorState = (site: string, visitor: string) => shard(site, visitor).visitor(visitor);

/** Runs the visitor's shard alarm now (its due runs fire). */
export async function fireDue(site: string, visitor: string): Promise<boolean> {
  return runDurableObjectAlarm(shard(site, visitor));
}

export async function deliveries(site: string, journey: string): Promise<any> {
  return (await SELF.fetch(new Request(`${BASE}/admin/sites/${site}/journeys/${journey}/deliveries`, { headers: ADMIN }))).json();
}

export async function pushConfig(site: string, config: unknown): Promise<Response> {
  return SELF.fetch(put(`/admin/sites/${site}/config`, config));
}
