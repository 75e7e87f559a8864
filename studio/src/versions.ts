/**
 * The version history: who published each version, when and why, which one is served,
 * and rollback to any other with the diff of what rolling back changes.
 */
import { ApiError, requestJson, siteUrl } from './api.js';
import { configDiff } from './diff-view.js';
import { $, h, when } from './dom.js';
import { loadServed, loadVersion, state } from './state.js';

interface Version {
  version: string;
  created: string;
  by?: string;
  message?: string;
}
interface History {
  current: string;
  pointer: { version: string; by?: string; at?: string; message?: string; rolledBack?: true };
  versions: Version[];
}

let afterRollback: () => Promise<void> = async () => {};

export function setupVersions(onRolledBack: () => Promise<void>): void {
  afterRollback = onRolledBack;
}

function describe(v: Version): string {
  return `${when(v.created)} · ${v.by ?? 'token'} · ${v.message ?? '(no message)'}`;
}

export async function showVersions(): Promise<void> {
  const list = $('[data-versions]');
  const served = $('[data-served]');
  $('[data-version-detail]').replaceChildren();
  let history: History;
  try {
    history = await requestJson<History>(siteUrl(state.site, '/config/versions'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return void (served.textContent = 'Nothing published yet.');
    throw error;
  }
  const { pointer } = history;
  served.textContent = pointer.rolledBack
    ? `Serving ${pointer.version}, rolled back by ${pointer.by ?? 'token'} ${when(pointer.at)}${pointer.message ? `: ${pointer.message}` : ''}`
    : `Serving ${pointer.version}`;
  list.replaceChildren(
    ...history.versions.map((v) => {
      const button = h(
        'button',
        { type: 'button', 'aria-pressed': 'false' },
        describe(v),
        v.version === history.current ? h('span', { class: 'badge' }, 'served') : null,
        h('small', {}, v.version),
      );
      button.addEventListener('click', () => {
        list.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
        showVersion(v, history.current).catch((error) => ($('[data-versions-status]').textContent = (error as Error).message));
      });
      return h('li', {}, button);
    }),
  );
}

async function showVersion(v: Version, current: string): Promise<void> {
  const detail = $('[data-version-detail]');
  if (v.version === current) return void detail.replaceChildren(h('p', { class: 'muted' }, `${v.version} is the served version.`));
  const [served, old] = await Promise.all([loadServed(state.site), loadVersion(state.site, v.version)]);
  const message = h('input', { name: 'rollbackMessage', value: `Roll back to ${v.message ?? v.version}`, maxlength: '200' });
  const button = h('button', { type: 'button', class: 'primary' }, 'Roll back');
  button.addEventListener('click', () => void rollback(v.version, (message as HTMLInputElement).value, served.version));
  detail.replaceChildren(
    h('h3', {}, `Roll back to ${v.version}`),
    h('p', { class: 'muted' }, describe(v)),
    configDiff(served.config, old, 'What rolling back changes'),
    h('label', {}, 'Message ', message),
    button,
  );
}

async function rollback(version: string, message: string, current: string): Promise<void> {
  const status = $('[data-versions-status]');
  try {
    await requestJson(siteUrl(state.site, '/config/rollback'), { method: 'POST', json: { version, message }, headers: { 'if-match': `"${current}"` } });
    status.textContent = `Rolled back: ${version} is served again.`;
    await afterRollback();
    await showVersions();
  } catch (error) {
    status.textContent = error instanceof ApiError && error.status === 412 ? `Not rolled back: ${error.message}` : `Rollback failed: ${(error as Error).message}`;
  }
}
