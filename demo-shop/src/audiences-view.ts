/**
 * The tester's audience view (local development only): each audience of the demo config,
 * who is in it now, and why — in its segment, and the purpose's consent given at a time.
 * Everything is set as text.
 */
import config from '../vitrine.config.json';
import { $, setText } from './dom.js';

interface Member {
  customer_id: string;
  enteredAt: string;
  consentAt?: string;
  hashes: string[];
}
interface AudienceView {
  id: string;
  name: string;
  segment: string;
  purpose: 'email' | 'ads';
  members: Member[];
}

const when = (iso: string) => new Date(iso).toLocaleString();

function el(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function why(audience: AudienceView, m: Member): string {
  const consent = m.consentAt ? `${audience.purpose} consent given at ${when(m.consentAt)}` : `${audience.purpose} consent`;
  const ids = m.hashes.length ? `hashed ${m.hashes.join(' + ')}` : 'no email or phone hash yet';
  return `${m.customer_id}: in “${audience.segment}” + ${consent}; member since ${when(m.enteredAt)} (${ids})`;
}

function render(audiences: AudienceView[]): HTMLElement[] {
  if (!audiences.length) return [el('p', 'The config defines no audiences.')];
  return audiences.map((a) => {
    const section = document.createElement('section');
    section.className = 'audience';
    section.dataset.audience = a.id;
    section.appendChild(el('h3', `${a.name} (${a.members.length})`));
    section.appendChild(el('p', `Segment “${a.segment}” with ${a.purpose} consent.`, 'expect'));
    const list = document.createElement('ul');
    for (const m of a.members) list.appendChild(el('li', why(a, m)));
    if (!a.members.length) list.appendChild(el('li', 'No one yet: sign in as a customer in the segment and give the consent.'));
    section.appendChild(list);
    return section;
  });
}

export async function showAudiences(target: string, status: string): Promise<void> {
  const res = await fetch(`${location.origin}/v1/dev/audiences?site=${encodeURIComponent(config.site)}`).catch(() => null);
  const body = (await res?.json().catch(() => null)) as { audiences?: AudienceView[]; error?: string } | null;
  if (!res?.ok || !body?.audiences) return setText(status, `Audiences unavailable: ${body?.error ?? res?.status ?? 'no answer'}`);
  $(target).replaceChildren(...render(body.audiences));
}
