import type { View } from './slots.js';
import type { CompiledTemplate } from './template.js';
import { planView, type PageKnown, type SiteKnown } from './view-plan.js';

/**
 * What this isolate knows of the pages it proxies (their item templates, whether they were
 * checked for slots everywhere) and of their sites (the types of element slots are on),
 * turned into the `View` the rewriter takes (view-plan.ts says why). A page's templates
 * are remembered for a minute: one the origin changed shows from the next read on, and
 * the script, which renders from the live page, shows it at once.
 */
export const PAGE_TTL_MS = 60_000;
/** A site's types are settled once this many views in a row looked everywhere and found no new one. */
export const SETTLED_AFTER = 5;
/** More types than this and a selector per type costs what looking everywhere does. */
const MAX_TAGS = 16;
const MAX_PAGES = 500;
const MAX_SITES = 1_000;
/** A type that can be written in a selector as it is; any other (`x.y`, `a:b`) makes the site's slots unaskable by type. */
const TAG = /^[a-z][a-z0-9-]*$/;

interface Page {
  /** Slot → its first template, compiled; absent until a view had items to render and read them. */
  templates?: ReadonlyMap<string, CompiledTemplate>;
  checked: boolean;
  at: number;
}
interface Site {
  tags: Set<string>;
  askable: boolean;
  /** Views in a row that looked everywhere and found no new type. */
  quiet: number;
}

/** Keyed by site and origin path, and by site name (request data), hence Maps with a size cap. */
const pages = new Map<string, Page>();
const sites = new Map<string, Site>();

const capped = <K, V>(map: Map<K, V>, max: number) => {
  if (map.size >= max) map.clear();
  return map;
};

/** The view of `page` (site and origin path) on `site`, and what it learns kept for the next. */
export function viewFor(site: string, page: string, now = Date.now()): View {
  const known = sites.get(site);
  const hit = pages.get(page);
  const memo = hit && now - hit.at < PAGE_TTL_MS ? hit : undefined;
  const siteKnown: SiteKnown = known && !known.askable ? 'not askable' : known && known.quiet >= SETTLED_AFTER ? 'settled' : 'learning';
  const pageKnown: PageKnown = !memo ? 'not seen' : memo.checked ? 'checked' : 'seen';
  const plan = planView(siteKnown, pageKnown);
  return {
    slotTags: plan.everywhere ? undefined : [...known!.tags],
    templates: plan.templates === 'read' ? undefined : memo!.templates,
    learned({ slotTags, templates, stale }) {
      if (slotTags) learnTags(site, slotTags);
      if (stale) return void pages.delete(page);
      let entry = memo;
      if (!entry) capped(pages, MAX_PAGES).set(page, (entry = { checked: false, at: now }));
      if (templates) entry.templates = templates;
      if (plan.everywhere) entry.checked = true;
    },
  };
}

function learnTags(name: string, found: ReadonlySet<string>): void {
  let site = sites.get(name);
  if (!site) capped(sites, MAX_SITES).set(name, (site = { tags: new Set(), askable: true, quiet: 0 }));
  const before = site.tags.size;
  for (const tag of found) {
    if (site.tags.has(tag)) continue;
    if (!TAG.test(tag) || site.tags.size >= MAX_TAGS) site.askable = false;
    else site.tags.add(tag);
  }
  site.quiet = site.tags.size === before ? site.quiet + 1 : 0;
}
