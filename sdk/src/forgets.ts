import { getCookie, setCookie } from './cookies.js';
import { post } from './decide.js';

/** Visitor ids whose forget the edge has not confirmed yet: the only thing kept after a forget. */
const FORGET_COOKIE = 'vitrine_forget';

export const pendingForgets = (doc: Document): string[] => getCookie(doc, FORGET_COOKIE)?.match(/[a-z0-9]{16}/g) ?? [];

/** Adds a visitor id to the pending forgets, before anything is sent. */
export const keepForget = (doc: Document, id: string) => setCookie(doc, FORGET_COOKIE, [...pendingForgets(doc), id].join('.'));

/**
 * Sends every pending forget, one after another; an id leaves the record only on a 2xx
 * (a 503 is no confirmation). Resolves to whether nothing is pending any more.
 */
export async function sendForgets(win: Window, endpoint: string, site: string): Promise<boolean> {
  const doc = win.document;
  const confirmed: string[] = [];
  for (const visitor of pendingForgets(doc))
    if (await post(win, `${endpoint}/v1/forget`, { site, visitor }, 5000).then((r) => r.ok, () => false)) confirmed.push(visitor);
  // Read again: a forget made meanwhile has added its id.
  const left = pendingForgets(doc).filter((id) => !confirmed.includes(id));
  setCookie(doc, FORGET_COOKIE, left.join('.'));
  return !left.length;
}
