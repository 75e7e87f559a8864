/**
 * Reports open in a new tab with the session cookie; each can be shared as a read-only
 * link that works without the token until it expires.
 */
import { requestJson, siteUrl } from './api.js';
import { $, h } from './dom.js';
import { state } from './state.js';

type Report = { kind: 'site' } | { kind: 'experiment'; experiment: string };
interface Experiment {
  id: string;
  name?: string;
  status: string;
}

/** `title` is what the list shows; `what` names the link and buttons ("site report", "report: Reviewer quotes…"). */
function reportItem(title: string, what: string, detail: string, path: string, report: Report): HTMLElement {
  const result = h('div', {});
  const share = h('button', { type: 'button' }, `Share ${what}`);
  share.addEventListener('click', async () => {
    const expiresIn = Number($<HTMLSelectElement>('[data-share-expiry]').value);
    try {
      const link = await requestJson<{ url: string; expires: string }>(siteUrl(state.site, '/share'), { method: 'POST', json: { report, expiresIn } });
      const copy = h('button', { type: 'button' }, 'Copy');
      const field = h('input', { readonly: true, value: link.url, 'aria-label': `Read-only link to ${what}` });
      copy.addEventListener('click', () => void navigator.clipboard?.writeText(link.url).then(() => (copy.textContent = 'Copied')));
      result.replaceChildren(h('div', { class: 'row' }, field, copy), h('p', { class: 'muted' }, `Read-only; works until ${new Date(link.expires).toLocaleString()}.`));
    } catch (error) {
      result.replaceChildren(h('p', { class: 'error' }, (error as Error).message));
    }
  });
  return h(
    'li',
    {},
    h('strong', {}, title),
    detail ? h('span', { class: 'muted' }, ` · ${detail}`) : null,
    h('div', { class: 'row' }, h('a', { href: `${path}?format=html`, target: '_blank', rel: 'noopener' }, `Open ${what}`), share),
    result,
  );
}

export function showReports(): void {
  const experiments = ((state.base?.config as { experiments?: Experiment[] } | undefined)?.experiments ?? []).filter((e) => e.status !== 'draft');
  $('[data-reports]').replaceChildren(
    reportItem('Site report', 'site report', 'every experiment and segment, this week against the last', siteUrl(state.site, '/report'), { kind: 'site' }),
    ...experiments.map((e) =>
      reportItem(e.name ?? e.id, `report: ${e.name ?? e.id}`, `experiment, ${e.status}`, siteUrl(state.site, `/experiments/${encodeURIComponent(e.id)}/report`), {
        kind: 'experiment',
        experiment: e.id,
      }),
    ),
  );
}
