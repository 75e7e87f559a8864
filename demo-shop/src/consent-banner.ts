/**
 * The consent banner: accept all, reject, or choose each purpose apart (analytics,
 * personalisation, ads, email). The choice itself is Vitrine's state (the SDK stores it
 * with the visitor id, or stores nothing at all after a refusal); the banner only asks
 * and passes the answer on. Global Privacy Control keeps ads off whatever is chosen here
 * (the SDK enforces it; the banner says so and greys the box out).
 */
import type { Consent } from '../../shared/schema/common.js';
import { $ } from './dom.js';
import { vitrine } from './vitrine.js';

const PURPOSES = ['analytics', 'personalization', 'ads', 'email'] as const;
const every = (granted: boolean): Required<Consent> => ({ analytics: granted, personalization: granted, ads: granted, email: granted });

export function giveConsent(consent: Consent): void {
  vitrine('consent', consent);
  // Show this very page personalised (or generic again) without waiting for the next one.
  vitrine('decide');
}

export function wireConsentBanner(): void {
  const banner = $('[data-consent-banner]');
  const chooser = $<HTMLFormElement>('[data-consent-choose]');
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  const box = (purpose: string) => $<HTMLInputElement>(`input[name=${purpose}]`, chooser);
  const close = () => (banner.hidden = true);
  /** The SDK's view of the choice: null until the visitor has made one it knows of. */
  let current: Consent | null = null;
  const open = (choosing: boolean) => {
    for (const purpose of PURPOSES) box(purpose).checked = current?.[purpose] ?? false;
    box('ads').disabled = gpc;
    $('[data-consent-gpc]', chooser).hidden = !gpc;
    chooser.hidden = !choosing;
    banner.hidden = false;
  };

  banner.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-consent]')?.dataset.consent;
    if (action === 'accept') giveConsent(every(true));
    if (action === 'reject') giveConsent(every(false));
    if (action === 'choose') return open(true);
    if (action) close();
  });
  chooser.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(chooser);
    giveConsent(Object.fromEntries(PURPOSES.map((p) => [p, form.has(p)])) as Required<Consent>);
    close();
  });
  for (const button of document.querySelectorAll('[data-open-consent]')) button.addEventListener('click', () => open(true));

  // The SDK tells the choice at once and on every change. Without the SDK there is
  // nothing to consent to, so the banner stays closed.
  vitrine('on', 'consent', (consent: Consent | null) => {
    current = consent;
    if (consent) close();
    else open(false);
  });
}
