/**
 * Vitrine Studio: sign in once with the admin token, then edit the site's config with
 * inline problems and an outline, preview it, publish it, roll it back, and read reports.
 */
import { ApiError, request, requestJson, siteUrl, useSession, type Issue } from './api.js';
import { pretty } from './diff-view.js';
import { $, h, on } from './dom.js';
import { createEditor, type ConfigEditor, type Problem } from './editor.js';
import { outline } from './outline.js';
import { setupPreview } from './preview.js';
import { setupPublish, showPublish } from './publish.js';
import { showReports } from './reports.js';
import { loadServed, state } from './state.js';
import { setupVersions, showVersions } from './versions.js';

interface SessionInfo {
  label: string;
  expires: string;
  csrf: string;
}

const SITE_KEY = 'vitrine-studio:site';
/** Not the session (that cookie is HttpOnly): only when it ends, so a fresh page skips asking when there is none. */
const UNTIL_KEY = 'vitrine-studio:session-until';

let editor: ConfigEditor | null = null;

function showSignIn(site: string, message = ''): void {
  $('#studio').hidden = true;
  $('#sign-in').hidden = false;
  const form = $<HTMLFormElement>('[data-sign-in]');
  (form.elements.namedItem('site') as HTMLInputElement).value ||= site;
  $('[data-sign-in-error]').textContent = message;
  (form.elements.namedItem('token') as HTMLInputElement).focus();
}

function sessionEnded(): void {
  localStorage.removeItem(UNTIL_KEY);
  showSignIn(state.site, 'Your session has ended. Sign in again; your edits are still here.');
}

async function signIn(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const token = String(data.get('token') ?? '');
  const label = String(data.get('label') ?? '').trim();
  const site = String(data.get('site') ?? '').trim();
  try {
    const session = await requestJson<SessionInfo>('/admin/session', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      json: label ? { label } : {},
    });
    (form.elements.namedItem('token') as HTMLInputElement).value = '';
    await start(session, site);
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    $('[data-sign-in-error]').textContent =
      status === 401 ? 'That admin token is not right.' : status === 429 ? 'Too many wrong tokens from here: wait a few minutes.' : (error as Error).message;
  }
}

function renderProblems(problems: Problem[]): void {
  const list = $('[data-problems]');
  if (!problems.length) return void list.replaceChildren(h('li', { class: 'muted' }, 'No problems.'));
  list.replaceChildren(
    ...problems.map((p) => {
      const jump = h('button', { type: 'button' }, `Line ${p.line}: ${p.where ? `${p.where} — ` : ''}${p.message}`);
      jump.addEventListener('click', () => editor?.jumpTo(p.from));
      return h('li', { class: `${p.severity}-item` }, p.severity === 'warning' ? h('span', { class: 'muted' }, 'Warning: ') : null, jump);
    }),
  );
}

function renderOutline(text: string): void {
  const groups = outline(text);
  if (!groups) return; // not JSON right now: keep the last outline
  $('[data-outline]').replaceChildren(
    ...groups.map((g) =>
      h(
        'section',
        {},
        h('h3', {}, g.title),
        h(
          'ul',
          {},
          g.entries.map((e) => {
            const button = h('button', { type: 'button', title: `${e.id} (line ${e.line})` }, e.label);
            button.addEventListener('click', () => editor?.jumpTo(e.from));
            return h('li', {}, button);
          }),
        ),
      ),
    ),
  );
}

function debounce(fn: (text: string) => void, ms: number): (text: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (text) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(text), ms);
  };
}

function starter(site: string): string {
  return pretty({ $schema: `${location.origin}/vitrine.schema.json`, site, origins: [], segments: [], personas: [], slots: {}, experiments: [] });
}

/** Loads the served config into the editor; the version it came from is what a publish names in If-Match. */
async function loadIntoEditor(): Promise<void> {
  state.base = await loadServed(state.site).catch((error) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });
  editor!.setText(state.base ? pretty(state.base.config) : starter(state.site));
  $('[data-base]').textContent = state.base ? `editing version ${state.base.version}` : 'nothing published yet';
}

function selectTab(tab: HTMLElement): void {
  document.querySelectorAll<HTMLElement>('[role=tab]').forEach((t) => {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(`#${t.getAttribute('aria-controls')}`).hidden = !selected;
  });
  const refresh = { 'tab-publish': showPublish, 'tab-versions': showVersions, 'tab-reports': async () => showReports() }[tab.id];
  refresh?.().catch((error: Error) => console.warn('[studio]', error.message));
}

async function validate(text: string): Promise<{ issues: Issue[]; warnings: Issue[] }> {
  return requestJson(siteUrl(state.site, '/config/validate'), { method: 'POST', text });
}

async function start(session: SessionInfo, site: string): Promise<void> {
  useSession(session.csrf, sessionEnded);
  localStorage.setItem(UNTIL_KEY, session.expires);
  localStorage.setItem(SITE_KEY, site);
  const resuming = editor !== null && state.site === site;
  state.site = site;
  $('[data-site]').textContent = site;
  $('[data-user]').textContent = `signed in as ${session.label}`;
  $('#sign-in').hidden = true;
  $('#studio').hidden = false;
  if (resuming) return;
  if (!editor) {
    const schema = await fetch('/vitrine.schema.json').then((r) => (r.ok ? r.json() : undefined), () => undefined);
    editor = createEditor($('[data-editor]'), schema, { validate, onProblems: renderProblems, onChange: debounce(renderOutline, 250) });
    const text = () => editor!.text();
    setupPreview(text);
    setupPublish({ text, reload: loadIntoEditor, published: () => ($('[data-base]').textContent = `editing version ${state.base?.version}`) });
    setupVersions(loadIntoEditor);
    document.querySelectorAll<HTMLElement>('[role=tab]').forEach((tab) => tab.addEventListener('click', () => selectTab(tab)));
  }
  await loadIntoEditor();
  renderOutline(editor.text());
}

async function boot(): Promise<void> {
  const site = new URLSearchParams(location.search).get('site') ?? localStorage.getItem(SITE_KEY) ?? '';
  on('[data-sign-in]', 'submit', (event) => {
    event.preventDefault();
    void signIn(event.target as HTMLFormElement);
  });
  on('[data-sign-out]', 'click', async () => {
    await request('/admin/session', { method: 'DELETE' }).catch(() => undefined);
    localStorage.removeItem(UNTIL_KEY);
    location.reload();
  });
  const until = Date.parse(localStorage.getItem(UNTIL_KEY) ?? '');
  if (site && until > Date.now()) {
    try {
      return await start(await requestJson<SessionInfo>('/admin/session'), site);
    } catch {
      localStorage.removeItem(UNTIL_KEY);
    }
  }
  showSignIn(site);
}

void boot();
