/**
 * How the proxy renders one view of a page, from what it already knows of the page and
 * its site. Two things make the rewrite cost CPU (bench/proxy.ts, 100 KB page):
 * - looking for `[data-vitrine-slot]` on every element makes the parser read the
 *   attributes of every element (about 0.25 ms); asking `section[data-vitrine-slot]`
 *   and the like, for the types of element the site's slots were found on, skips the
 *   attributes of every other element;
 * - reading a slot's item template as it streams costs a handler call per element, end
 *   tag and piece of text in it (about 0.2 ms); a remembered template costs none.
 * Once a site's types are settled, no view does both:
 *
 * | site        | page                   | slots looked for | item templates |
 * |-------------|------------------------|------------------|----------------|
 * | learning    | not seen (this minute) | everywhere       | read           |
 * | learning    | seen                   | everywhere       | remembered     |
 * | settled     | not seen               | learned types    | read           |
 * | settled     | seen, not yet checked  | everywhere       | remembered     |
 * | settled     | checked                | learned types    | remembered     |
 *
 * A site is learning until several views in a row looked everywhere and found no new type
 * (page-memo.ts). After that a page is still looked at everywhere on its second view each
 * minute, so a slot put on a new type of element is found there, and the site learns
 * again; until then the script renders that slot from the injected decision, as it does
 * without the proxy. A site with a slot on a type that cannot be asked for by name
 * ("not askable") is always looked at everywhere.
 */
export type SiteKnown = 'learning' | 'settled' | 'not askable';
export type PageKnown = 'not seen' | 'seen' | 'checked';

export interface ViewPlan {
  /** Look for slots on every element (and learn the types they are on), or only on the learned types. */
  everywhere: boolean;
  /** Read the item templates as they stream, or render from the remembered ones. */
  templates: 'read' | 'remembered';
}

export function planView(site: SiteKnown, page: PageKnown): ViewPlan {
  return { everywhere: site !== 'settled' || page === 'seen', templates: page === 'not seen' ? 'read' : 'remembered' };
}
