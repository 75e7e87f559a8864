/**
 * Preview: what decide answers for the draft next to what it answers for the published
 * config, for a seed persona, a saved test visitor or attributes written by hand, with the
 * differences and a link that opens the shop with the draft forced for this browser.
 */
import { ApiError, requestJson, siteUrl } from './api.js';
import { contentFields, describeReason, describeWhy, diffDecisions, type Decision } from './decision.js';
import { $, fill, h } from './dom.js';
import { state, parseDraft } from './state.js';
import { personaRequest, previewRequest, savedVisitors, saveVisitor, SEED_PERSONAS, type VisitorRequest } from './visitors.js';

type Config = { origins?: string[]; segments?: { id: string; name?: string }[] };

const HAND = 'hand';
const example: VisitorRequest = {
  consent: { analytics: true, personalization: true },
  profile: { categories: { thrillers: { views: 3 } }, purchases: { count: 0, revenue: 0 } },
  traits: {},
  context: { url: 'https://shop.example/?utm_source=newsletter&utm_medium=email' },
};

/** The shop the draft link opens: this origin when the config lists it (a shop the Worker serves), else the first listed. */
function shopOrigin(config: Config | null): string {
  const origins = config?.origins ?? [];
  return origins.includes(location.origin) ? location.origin : (origins[0] ?? location.origin);
}

function fillVisitors(select: HTMLSelectElement, keep?: string): void {
  const saved = [...savedVisitors(state.site).keys()];
  fill(
    select,
    h('optgroup', { label: 'Seed personas' }, SEED_PERSONAS.map((p) => h('option', { value: `persona:${p.id}` }, p.label))),
    saved.length ? h('optgroup', { label: 'Saved test visitors' }, saved.map((name) => h('option', { value: `saved:${name}` }, name))) : null,
    h('option', { value: HAND }, 'Write attributes by hand…'),
  );
  if (keep) select.value = keep;
}

function visitorFor(choice: string, attributes: string, origin: string): VisitorRequest {
  if (choice.startsWith('persona:')) return personaRequest(choice.slice(8), origin, Date.now()) ?? {};
  if (choice.startsWith('saved:')) return savedVisitors(state.site).get(choice.slice(6)) ?? {};
  return JSON.parse(attributes) as VisitorRequest;
}

const nameOf = (config: Config | null, id: string) => config?.segments?.find((s) => s.id === id)?.name ?? id;

/** Those that did not match, folded away, each with the condition that failed. */
function notMatched(lines: string[] | undefined): HTMLElement | null {
  if (!lines?.length) return null;
  return h('details', {}, h('summary', {}, `Not matched (${lines.length})`), h('ul', { class: 'why' }, lines.map((line) => h('li', {}, line))));
}

function decisionView(title: string, d: Decision, config: Config | null): HTMLElement {
  const debug = d.debug;
  const unmatched = debug?.segments?.filter((s) => !s.matched) ?? [];
  const slots = Object.entries(d.slots).map(([slot, s]) => {
    const why = debug?.slots?.[slot];
    const experiment = why?.experiment;
    return h(
      'li',
      {},
      h('strong', {}, slot),
      ` — ${s.variant}`,
      why ? h('span', { class: 'why' }, ` (${describeReason(why.reason)})`) : s.experiment ? h('span', { class: 'why' }, ` (experiment ${s.experiment})`) : null,
      experiment
        ? h('div', { class: 'why' }, `experiment ${experiment.id}: ${experiment.inAudience ? 'in audience' : 'not in audience'}, ${experiment.inTraffic ? 'in traffic' : 'not in traffic'}${experiment.arm ? `, arm ${experiment.arm}` : ''}`)
        : null,
      why?.tried?.length ? h('ul', { class: 'why' }, why.tried.map((t) => h('li', {}, `${t.variant}: ${describeWhy(t.why) || 'did not match'}`))) : null,
      h('dl', {}, [...contentFields(s.content)].flatMap(([field, text]) => [h('dt', {}, field), h('dd', {}, text)])),
      s.items ? h('div', { class: 'why' }, `${s.items.length} products: ${s.items.map((i) => i.name).join(', ')}`) : null,
    );
  });
  return h(
    'section',
    { class: 'decision', 'aria-label': title },
    h('h3', {}, title, d.configVersion === 'draft' ? null : h('span', { class: 'muted' }, ` · ${d.configVersion}`)),
    h('h4', {}, 'Persona'),
    h('p', {}, d.persona?.name ?? 'none'),
    notMatched(debug?.personas?.filter((p) => !p.matched).map((p) => `${p.name}: ${describeWhy(p.why) || 'not matched'}`)),
    h('h4', {}, 'Segments'),
    d.segments.length ? h('ul', {}, d.segments.map((id) => h('li', {}, nameOf(config, id)))) : h('p', { class: 'muted' }, 'none'),
    notMatched(unmatched.map((s) => `${s.name ?? nameOf(config, s.id)}: ${describeWhy(s.why) || 'not matched'}`)),
    h('h4', {}, 'Slots'),
    h('ul', {}, slots),
    h('h4', {}, 'Experiments'),
    d.experiments.length ? h('ul', {}, d.experiments.map((e) => h('li', {}, `${e.id}: ${e.variant}`))) : h('p', { class: 'muted' }, 'none'),
    debug?.context ? h('details', {}, h('summary', {}, 'Context the edge used'), h('pre', {}, JSON.stringify(debug.context, null, 2))) : null,
  );
}

/** `?vitrine_force=@draft:<id>,hero:thrillers,…`: the draft, and each slot as the preview showed it. */
function draftLink(origin: string, force: string, d: Decision, path: string): string {
  const slots = Object.entries(d.slots).map(([slot, s]) => `${slot}:${s.variant}`);
  const url = new URL(path, origin);
  url.searchParams.set('vitrine_force', [force, ...slots].join(','));
  url.searchParams.set('vitrine_debug', '1');
  return url.href;
}

let currentText: () => string = () => '';

async function preview(form: HTMLFormElement): Promise<void> {
  const status = $('[data-preview-status]');
  const out = $('[data-preview-result]');
  const draft = parseDraft(currentText()) as Config | null;
  if (!draft) return void (status.textContent = 'The config is not valid JSON: fix the problems first.');
  const data = new FormData(form);
  const origin = shopOrigin(draft);
  let visitor: VisitorRequest;
  try {
    visitor = visitorFor(String(data.get('visitor')), String(data.get('attributes') ?? ''), origin);
  } catch (error) {
    return void (status.textContent = `The visitor attributes are not valid JSON: ${(error as Error).message}`);
  }
  const request = previewRequest(visitor, String(data.get('visitorId') ?? '').trim() || null, origin);
  status.textContent = 'Asking decide…';
  const url = siteUrl(state.site, '/preview');
  const [ours, theirs, link] = await Promise.allSettled([
    requestJson<Decision>(url, { method: 'POST', json: { config: draft, request } }),
    requestJson<Decision>(url, { method: 'POST', json: { request } }),
    requestJson<{ force: string }>(siteUrl(state.site, '/drafts'), { method: 'POST', json: draft }),
  ]);
  if (ours.status === 'rejected') {
    const error = ours.reason as ApiError;
    status.textContent = `The draft cannot be previewed: ${error.message}`;
    out.replaceChildren(h('ul', {}, (error.issues ?? []).map((i) => h('li', {}, `${i.path.join('.')}: ${i.message}`))));
    return;
  }
  const published = theirs.status === 'fulfilled' ? theirs.value : null;
  const changes = published ? diffDecisions(ours.value, published) : [];
  status.textContent = published ? `Previewed: ${changes.length ? `${changes.length} difference${changes.length === 1 ? '' : 's'}` : 'no difference'} between draft and published.` : 'Previewed the draft (nothing is published yet).';
  const path = new URL(request.context.url).pathname + new URL(request.context.url).search;
  fill(
    out,
    link.status === 'fulfilled'
      ? h('p', {}, h('a', { href: draftLink(origin, link.value.force, ours.value, path), target: '_blank', rel: 'noopener' }, 'Open the shop with this draft'), h('span', { class: 'muted' }, ' (this browser only; the views are not counted)'))
      : null,
    published
      ? h(
          'section',
          { 'aria-label': 'Differences', class: 'differences' },
          h('h3', {}, 'Differences'),
          changes.length
            ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'Draft'), h('th', {}, 'Published'))), h('tbody', {}, changes.map((c) => h('tr', {}, h('td', {}, c.what), h('td', {}, c.draft), h('td', {}, c.published)))))
            : h('p', { class: 'muted' }, 'The draft answers this visitor exactly as the published config does.'),
        )
      : null,
    h('div', { class: 'columns' }, decisionView('Draft', ours.value, draft), published ? decisionView('Published', published, state.base?.config as Config) : h('p', { class: 'muted' }, 'Nothing published yet.')),
  );
}

export function setupPreview(editorText: () => string): void {
  currentText = editorText;
  const form = $<HTMLFormElement>('[data-preview-form]');
  const select = $<HTMLSelectElement>('[data-visitor-select]');
  const attributes = form.elements.namedItem('attributes') as HTMLTextAreaElement;
  fillVisitors(select);
  select.addEventListener('change', () => {
    const byHand = select.value === HAND;
    document.querySelectorAll('[data-by-hand]').forEach((el) => ((el as HTMLElement).hidden = !byHand));
    if (byHand && !attributes.value) attributes.value = JSON.stringify(example, null, 2);
  });
  $('[data-save-visitor]').addEventListener('click', () => {
    const name = (form.elements.namedItem('saveName') as HTMLInputElement).value.trim();
    const status = $('[data-preview-status]');
    if (!name) return void (status.textContent = 'Give the test visitor a name first.');
    try {
      saveVisitor(state.site, name, JSON.parse(attributes.value) as VisitorRequest);
    } catch (error) {
      return void (status.textContent = `The visitor attributes are not valid JSON: ${(error as Error).message}`);
    }
    fillVisitors(select, `saved:${name}`);
    select.dispatchEvent(new Event('change'));
    status.textContent = `Saved test visitor “${name}”.`;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    preview(form).catch((error) => ($('[data-preview-status]').textContent = `Preview failed: ${(error as Error).message}`));
  });
}
