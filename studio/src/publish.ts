/**
 * Publish: the JSON diff of the draft against the served version, a one-line message,
 * and a PUT with If-Match naming the version the editor loaded. When someone published
 * in between, the edge refuses (412) and the studio shows who changed what.
 */
import { ApiError, request, siteUrl } from './api.js';
import { configDiff } from './diff-view.js';
import { $, h } from './dom.js';
import { loadServed, loadVersion, parseDraft, state } from './state.js';

export interface PublishHooks {
  text(): string;
  /** Loads the served config into the editor (discarding edits). */
  reload(): Promise<void>;
  published(): void;
}

let hooks: PublishHooks;

/** Refreshes the diff whenever the Publish tab opens. */
export async function showPublish(): Promise<void> {
  const summary = $('[data-publish-summary]');
  const diff = $('[data-publish-diff]');
  const draft = parseDraft(hooks.text());
  if (draft === null) {
    summary.textContent = 'The config is not valid JSON: fix the problems before publishing.';
    return void diff.replaceChildren();
  }
  const served = await loadServed(state.site).catch(() => null);
  const moved = served && state.base && served.version !== state.base.version;
  summary.textContent = served
    ? `Changes against the served version ${served.version}${moved ? ' (newer than the one you loaded: publishing will be refused until you load it)' : ''}:`
    : 'Nothing is published yet: this will be the first version.';
  diff.replaceChildren(configDiff(served?.config ?? {}, draft, 'Changes to publish'));
}

async function staleAlert(error: ApiError): Promise<HTMLElement> {
  const current = (error.headers.get('etag') ?? '').replace(/^"(.*)"$/, '$1');
  const theirs = current ? await loadVersion(state.site, current).catch(() => null) : null;
  const load = h('button', { type: 'button' }, 'Load the current version');
  load.addEventListener('click', () => void hooks.reload().then(() => $('[data-publish-alert]').replaceChildren()));
  return h(
    'div',
    { class: 'alert' },
    h('p', {}, h('strong', {}, 'Not published: someone else published first. '), error.message.replace(/^./, (c) => c.toUpperCase()), '.'),
    // The diff repeats the edge's list of changed entities as its summary.
    theirs && state.base ? configDiff(state.base.config, theirs, 'What they changed') : h('ul', {}, error.issues.map((i) => h('li', {}, i.message))),
    h('p', {}, 'Load the current version and make your change again (copy your edits first), then publish.'),
    load,
  );
}

async function publish(form: HTMLFormElement): Promise<void> {
  const alert = $('[data-publish-alert]');
  const status = $('[data-publish-status]');
  alert.replaceChildren();
  const message = String(new FormData(form).get('message') ?? '').trim();
  const query = `?message=${encodeURIComponent(message)}`;
  status.textContent = 'Publishing…';
  try {
    const res = await request(siteUrl(state.site, `/config${query}`), {
      method: 'PUT',
      text: hooks.text(),
      headers: state.base ? { 'if-match': `"${state.base.version}"` } : {},
    });
    const { version } = (await res.json()) as { version: string };
    state.base = await loadServed(state.site);
    status.textContent = `Published version ${version}.`;
    form.reset();
    hooks.published();
    await showPublish();
  } catch (error) {
    status.textContent = '';
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 412) return void alert.replaceChildren(await staleAlert(error));
    alert.replaceChildren(
      h('div', { class: 'alert' }, h('p', {}, h('strong', {}, 'Not published: '), error.message), h('ul', {}, error.issues.map((i) => h('li', {}, `${i.path.join('.')}: ${i.message}`)))),
    );
  }
}

export function setupPublish(publishHooks: PublishHooks): void {
  hooks = publishHooks;
  const form = $<HTMLFormElement>('[data-publish-form]');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    publish(form).catch((error) => ($('[data-publish-status]').textContent = `Publish failed: ${(error as Error).message}`));
  });
}
