/**
 * What the studio holds for the site being edited: the version the editor loaded (every
 * publish names it in If-Match) and that version's config, to diff the draft against.
 */
import { requestJson, request, siteUrl } from './api.js';

export interface Base {
  version: string;
  config: unknown;
}

export interface StudioState {
  site: string;
  base: Base | null;
}

export const state: StudioState = { site: '', base: null };

/** The served config and its version (from the ETag). */
export async function loadServed(site: string): Promise<Base> {
  const res = await request(siteUrl(site, '/config'));
  const version = (res.headers.get('etag') ?? '').replace(/^"(.*)"$/, '$1');
  return { version, config: await res.json() };
}

export const loadVersion = (site: string, version: string) => requestJson<unknown>(siteUrl(site, `/config/versions/${encodeURIComponent(version)}`));

/** The draft as an object, or null when the editor's text is not JSON. */
export function parseDraft(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
