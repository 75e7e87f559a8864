/**
 * Runs inside workerd for bench/proxy.ts (bundled by esbuild, served by Miniflare): one
 * request runs `passes` of one way of serving a page, so the bench can read the CPU time
 * workerd spent on it (from /proc, not a clock: the machine is shared). Ways: `read` the
 * page with no rewriting, `parse` it with an empty HTMLRewriter, or rewrite it as the
 * proxy does (decision injected, slots rendered) in each kind of view of
 * edge/src/proxy/view-plan.ts, given what that kind of view knows:
 * - `cold`: a page's first view while the site is learning: slots looked for everywhere, templates read;
 * - `first`: a page's first view once the site's types are settled: on those types only, templates read;
 * - `check`: a page's second view: slots looked for everywhere, templates remembered;
 * - `repeat`: later views: slots looked for on the learned types, templates remembered.
 */
import type { DecideResponse } from '../shared/schema/decide.js';
import { injectDecision } from '../edge/src/proxy/inject.js';
import { renderSlots, type Learned, type View } from '../edge/src/proxy/slots.js';

export const VIEWS = ['cold', 'first', 'check', 'repeat'] as const;
export type Way = 'read' | 'parse' | (typeof VIEWS)[number];
export interface Job {
  html: string;
  decision: DecideResponse;
  way: Way;
  passes: number;
  /** The page arrives in pieces of this many bytes, as from a network; absent: in one piece. */
  chunk?: number;
}

/** The page's body as an origin's would stream it. */
function body(html: string, chunk?: number): BodyInit {
  if (!chunk) return html;
  const bytes = new TextEncoder().encode(html);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, (at += chunk)));
    },
  });
}

/** What a view that looks everywhere and reads templates finds out about the page. */
type Known = Required<Pick<Learned, 'slotTags' | 'templates'>>;
let known: Known | undefined;

const rewrite = (page: Response, decision: DecideResponse, view: View) => renderSlots(injectDecision(new HTMLRewriter(), decision), decision, view).transform(page).text();

function pass({ html, decision, way, chunk }: Job, { slotTags, templates }: Known): Promise<string> {
  const page = new Response(body(html, chunk), { headers: { 'content-type': 'text/html; charset=utf-8' } });
  if (way === 'read') return page.text();
  if (way === 'parse') return new HTMLRewriter().transform(page).text();
  // The proxy always asks to hear what a view found out; so does the bench.
  const learned = () => {};
  const types = [...slotTags];
  const views: Record<(typeof VIEWS)[number], View> = {
    cold: { learned },
    first: { slotTags: types, learned },
    check: { templates, learned },
    repeat: { slotTags: types, templates, learned },
  };
  return rewrite(page, decision, views[way]);
}

export default {
  async fetch(request: Request): Promise<Response> {
    const job = (await request.json()) as Job;
    // What a cold view finds out is what the other kinds of view know.
    const learned = (known ??= await new Promise<Known>((done) => {
      const page = new Response(job.html, { headers: { 'content-type': 'text/html' } });
      void rewrite(page, job.decision, { learned: (found) => done({ slotTags: found.slotTags!, templates: found.templates! }) });
    }));
    let out = '';
    for (let i = 0; i < job.passes; i++) out = await pass(job, learned);
    // The bench checks that the short cuts do not change the page, by digest.
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(out));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return Response.json({ outputChars: out.length, digest: hex, slotTags: [...learned.slotTags] });
  },
};
