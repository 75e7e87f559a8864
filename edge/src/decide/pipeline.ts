/**
 * The one decide pipeline. Every caller that needs a decision — `POST /v1/decide`, admin
 * preview, and the callers built on it (the HTML proxy, server decide for email and chat,
 * journeys at fire time, studio preview) — runs these steps through `runDecide`, so the
 * same request gets the same answer wherever it comes from:
 *
 *   config (bounded, last good) → context (request facts + providers such as weather)
 *   → identity (signature v2, `customer.*`) → rules (segments, persona, arms, slot picks)
 *   → recommended products → exposure tokens → copy filled, response rendered.
 *
 * The rules step is pure (decide.ts); everything that waits on storage or the network
 * happens here, each read bounded so a hung store costs a visitor at most its timeout.
 */
import type { DecideRequest, DecideResponse } from '../../../shared/schema/decide.js';
import { loadConfig, type Loaded } from '../config/cache.js';
import { boundedReads } from '../config/timeout.js';
import type { ProviderEnv } from '../context/provider.js';
import { provideContext } from '../context/providers.js';
import { simulatedContext } from '../context/simulated.js';
import { codeSigner, codesInCopy, personalCodes } from '../codes/personal-codes.js';
import { effectiveConsent } from '../http/consent.js';
import { signAssignment } from '../security/assignment-token.js';
import { loadSiteRecs, productsFor, recommenderFor } from '../recs/site-recs.js';
import { own } from '../../../shared/own.js';
import { edgeContext, type Channel } from './context.js';
import { evaluate, type Evaluation } from './decide.js';
import { reads } from './paths-read.js';
import type { RequestFacts } from './facts.js';
import { checkIdentity, type IdentityCheck } from './identity.js';
import { renderResponse, type RenderInput } from './render.js';

export interface PipelineEnv extends ProviderEnv {
  KV: KVNamespace;
}

export interface DecideCall {
  request: DecideRequest;
  facts: RequestFacts;
  now: number;
  /** The config to decide with: a draft (preview), or the served one a route already read. */
  config?: Loaded;
  channel?: Channel;
  /** A customer the caller authenticated itself (a server key naming them), instead of a signature. */
  customer?: IdentityCheck;
  /** Work that may finish after the answer (a provider's late fetch warming its cache). */
  waitUntil(promise: Promise<unknown>): void;
}

/** Null when the site has no config at all (the caller answers 404). */
export async function runDecide(env: PipelineEnv, call: DecideCall): Promise<DecideResponse | null> {
  const prepared = await prepareDecide(env, call);
  return prepared && renderResponse(prepared);
}

/**
 * Every step but the rendering: what `renderResponse` takes, the evaluation and its
 * attribute tree included, for callers that read the tree itself (journeys at fire time
 * test `only` on it and fill their message from it).
 */
export async function prepareDecide(env: PipelineEnv, call: DecideCall): Promise<RenderInput | null> {
  const { facts, now } = call;
  // Consent as the edge applies it: missing purposes false, Global Privacy Control withdraws ads.
  const request = { ...call.request, consent: effectiveConsent(facts.gpc, call.request.consent) };
  const kv = boundedReads(env.KV);
  const loaded = call.config ?? (await loadConfig(env.KV, request.site));
  if (!loaded) return null;
  const { compiled } = loaded;
  const personal = request.consent.personalization;

  const [provided, identity, recs] = await Promise.all([
    provideContext(compiled, { facts, env, now }, call.waitUntil, simulatedContext(request.force)),
    personal ? (call.customer ?? checkIdentity(kv, request.site, request.identity, now)) : undefined,
    // The lists also carry the learned category neighbours that widen `interests`.
    wantsRecommendations(loaded, request) || (personal && reads(compiled, 'interests')) ? loadSiteRecs(kv, request.site).catch(() => null) : null,
  ]);
  const context = edgeContext(request, facts, now, { channel: call.channel, provided });
  const evaluation = evaluate({
    compiled,
    request,
    context,
    customer: identity?.customer,
    now,
    recommend: recs ? recommenderFor(recs, compiled, { currentProductId: request.context.productId }) : undefined,
    learnedCategories: recs?.lists?.categories,
  });
  const [products, codes, tokens] = await Promise.all([
    recs ? productsFor(kv, recs, pickedIds(evaluation.slots)) : [],
    customerCodes(kv, compiled, request, identity, evaluation.segments, now),
    assignmentTokens(env, request, evaluation.arms),
  ]);
  evaluation.attrs.code = codes;
  return {
    compiled,
    version: loaded.version,
    evaluation,
    context,
    products,
    tokens,
    identity,
    debug: request.debug ? { visitor: personal ? request.visitor : null } : undefined,
  };
}

/**
 * `code.<id>` for copy: only for a customer whose identity checked, only the codes the copy
 * uses, and a code limited to an audience only for its members (segment and the purpose's
 * consent; Global Privacy Control withdraws `ads`).
 */
async function customerCodes(
  kv: KVNamespace,
  compiled: Loaded['compiled'],
  request: DecideRequest,
  identity: IdentityCheck | undefined,
  segments: readonly string[],
  now: number,
): Promise<Record<string, string>> {
  const codes = codesInCopy(compiled);
  if (!identity?.customerId || codes.length === 0) return {};
  const inAudience = (id: string) => {
    const audience = compiled.config.audiences.find((a) => a.id === id);
    return !!audience && segments.includes(audience.segment) && request.consent[audience.purpose] === true;
  };
  try {
    return await personalCodes(await codeSigner(kv, request.site), codes, identity.customerId, inAudience, now);
  } catch {
    return {}; // a store that fails leaves the placeholder's fallback showing, never an error
  }
}

/**
 * A signed assignment per arm, sent back with the exposure, so collect counts only arms
 * decide gave this visitor. A secret store that fails costs the tokens (those exposures go
 * uncounted), never the answer.
 */
async function assignmentTokens(env: PipelineEnv, request: DecideRequest, arms: Evaluation['arms']): Promise<Map<string, string>> {
  const visitor = request.visitor;
  if (!visitor || arms.length === 0) return new Map();
  try {
    const signed = await Promise.all(arms.map(async (a) => [a.experiment.spec.id, await signAssignment(env, request.site, visitor, a.experiment.spec.id, a.variant)] as const));
    return new Map(signed);
  } catch {
    return new Map();
  }
}

/** A site without a recommendation slot on this page reads no catalog at all. */
function wantsRecommendations(loaded: Loaded, request: DecideRequest): boolean {
  const slots = loaded.compiled.config.slots;
  return (request.slots ?? Object.keys(slots)).some((id) => own(slots, id)?.recommendations);
}

function pickedIds(slots: Record<string, { picks?: { id: string }[] }>): string[] {
  return [...new Set(Object.values(slots).flatMap((s) => s.picks?.map((p) => p.id) ?? []))];
}

