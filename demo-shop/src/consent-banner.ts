/**
 * The consent banner: accept all, reject, or choose analytics and personalisation apart.
 * The choice itself is Vitrine's state (the SDK stores it with the visitor id, or stores
 * nothing at all after a refusal); the banner only asks and passes the answer on.
 */
import type { Consent } from '../../shared/schema/common.js';
import { $ } from './dom.js';
import { vitrine } from './vitrine.js';

export function giveConsent(consent: Consent): void {
  vitrine('consent', consent);
  // Show this very page personalised (or generic again) without waiting for the next one.
  vitrine('decide');
}

export function wireConsentBanner(): void {
  const banner = $('[data-consent-banner]');
  const chooser = $<HTMLFormElement>('[data-consent-choose]');
  const close = () => (banner.hidden = true);
  /** The SDK's view of the choice: null until the visitor has made one it knows of. */
  let current: Consent | null = null;
  const open = (choosing: boolean) => {
    $<HTMLInputElement>('input[name=analytics]', chooser).checked = current?.analytics ?? false;
    $<HTMLInputElement>('input[name=personalization]', chooser).checked = current?.personalization ?? false;
    chooser.hidden = !choosing;
    banner.hidden = false;
  };

  banner.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-consent]')?.dataset.consent;
    if (action === 'accept') giveConsent({ analytics: true, personalization: true });
    if (action === 'reject') giveConsent({ analytics: false, personalization: false });
    if (action === 'choose') return open(true);
    if (action) close();
  });
  chooser.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(chooser);
    giveConsent({ analytics: form.has('analytics'), personalization: form.has('personalization') });
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
