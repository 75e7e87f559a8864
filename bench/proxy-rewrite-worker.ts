/**
 * Runs inside workerd for bench/proxy.ts (bundled by esbuild, served by Miniflare): one
 * request runs `passes` of one way of serving a page, so the bench can read the CPU time
 * workerd spent on it (from /proc, not a clock: the machine is shared). Ways: `read` the
 * page with no rewriting, `parse` it with an empty HTMLRewriter, `rewrite` it as the proxy
 * does (decision injected, slots rendered).
 */
import type { DecideResponse } from '../shared/schema/decide.js';
import { injectDecision } from '../edge/src/proxy/inject.js';
import { renderSlots } from '../edge/src/proxy/slots.js';

export type Way = 'read' | 'parse' | 'rewrite';
export interface Job {
  html: string;
  decision: DecideResponse;
  way: Way;
  passes: number;
}

function pass({ html, decision, way }: Job): Promise<string> {
  const page = new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
  if (way === 'read') return page.text();
  if (way === 'parse') return new HTMLRewriter().transform(page).text();
  return renderSlots(injectDecision(new HTMLRewriter(), decision), decision).transform(page).text();
}

export default {
  async fetch(request: Request): Promise<Response> {
    const job = (await request.json()) as Job;
    let bytes = 0;
    for (let i = 0; i < job.passes; i++) bytes = (await pass(job)).length;
    return Response.json({ outputChars: bytes });
  },
};
