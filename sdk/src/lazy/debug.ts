// The debug panel, a separate bundle the main script loads only under `?vitrine_debug=1`.
// It reads the hook the main script leaves on `window.vitrineDebug` and never touches
// the page outside its own shadow root.
import type { DecideResponse } from '../decide.js';

interface DebugHook {
  state(): { consent: unknown; visitor: string | null; profile: unknown; decision: DecideResponse | null; force?: Record<string, string> };
  force(slot: string, variant: string): Promise<unknown>;
}

const hook = (window as unknown as { vitrineDebug?: DebugHook }).vitrineDebug;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attrs: Record<string, string> = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function row(body: HTMLElement, label: string, value: unknown) {
  const tr = el('tr');
  tr.appendChild(el('th', label));
  const td = el('td');
  td.appendChild(el('pre', typeof value === 'string' ? value : JSON.stringify(value, null, 1)));
  tr.appendChild(td);
  body.appendChild(tr);
}

/**
 * The variant picker: the ids the edge lists for the slot (it does in debug mode), or a
 * free field for an edge that does not list them.
 */
function variantPicker(current: string, ids: string[] | undefined): HTMLInputElement | HTMLSelectElement {
  if (!ids?.length) return el('input', undefined, { placeholder: 'variant id', size: '12' });
  const select = el('select');
  for (const id of ids) select.appendChild(el('option', id, id === current ? { value: id, selected: '' } : { value: id }));
  return select;
}

/** One line per slot: its variant, flags, and a picker to force another variant. */
function slotRow(body: HTMLElement, name: string, slot: DecideResponse['slots'][string], ids: string[] | undefined) {
  const tr = el('tr', undefined, { 'data-slot': name });
  tr.appendChild(el('th', name));
  const td = el('td', `${slot.variant}${slot.experiment ? ` (experiment ${slot.experiment})` : ''}${slot.forced ? ' [forced]' : ''} `);
  const picker = variantPicker(slot.variant, ids);
  const button = el('button', 'force');
  button.onclick = () => picker.value && hook!.force(name, picker.value).then(render);
  td.appendChild(picker);
  td.appendChild(button);
  tr.appendChild(td);
  body.appendChild(tr);
}

const host = el('div', undefined, { id: 'vitrine-debug' });
const shadow = host.attachShadow({ mode: 'open' });

function render() {
  const { consent, visitor, profile, decision, force } = hook!.state();
  const table = el('table');
  row(table, 'consent', consent);
  row(table, 'visitor', visitor ?? '(none: no consent)');
  row(table, 'segments', decision?.segments ?? []);
  row(table, 'persona', decision?.persona?.name ?? '(none)');
  row(table, 'RFM', decision?.rfm ? `${decision.rfm.segment} R${decision.rfm.r} F${decision.rfm.f} M${decision.rfm.m}` : '(no purchases)');
  for (const [name, slot] of Object.entries(decision?.slots ?? {})) slotRow(table, name, slot, decision?.debug?.variants[name]);
  if (force) row(table, 'forced', `${JSON.stringify(force)}: these views are flagged and never counted`);
  row(table, 'profile', profile);
  shadow.replaceChildren(
    el('style', `:host{all:initial;position:fixed;right:8px;bottom:8px;z-index:2147483647;max-width:420px;max-height:70vh;overflow:auto;background:#fff;color:#111;border:1px solid #888;font:12px/1.4 system-ui,sans-serif;box-shadow:0 2px 12px #0004}
table{border-collapse:collapse;width:100%}th{text-align:left;vertical-align:top;padding:2px 6px;background:#f3f3f3}td{padding:2px 6px}pre{margin:0;white-space:pre-wrap;max-height:200px;overflow:auto}`),
    el('strong', 'Vitrine debug'),
    table,
  );
}

if (hook) {
  render();
  document.body.appendChild(host);
}
