/**
 * The consent banner: accept all, reject, or choose analytics and personalisation apart.
 * The choice itself is Vitrine's state (the SDK stores it with the visitor id, or stores
 * nothing at all after a refusal); the banner only asks and passes the answer on.
 */
import type { Consent } from '../../shared/schema/common.js';
import { $ } from './dom.js';
import { vitrine } from './vitrine.js';

/**
 * The consent the SDK holds for this browser, or null when the visitor has not granted
 * anything. The SDK has no public getter yet, so this reads its cookie
 * (`vitrine_id=<id>.<analytics><personalization>`, sdk/src/storage.ts).
 */
export function grantedConsent(): Consent | null {
  const m = /(?:^|;\s*)vitrine_id=[a-z0-9]{16}\.([01])([01])(?:;|$)/.exec(document.cookie);
  return m && { analytics: m[1] === '1', personalization: m[2] === '1' };
}

export function giveConsent(consent: Consent): void {
  vitrine('consent', consent);
  // Show this very page personalised (or generic again) without waiting for the next one.
  vitrine('decide');
}

export function wireConsentBanner(): void {
  const banner = $('[data-consent-banner]');
  const chooser = $<HTMLFormElement>('[data-consent-choose]');
  const close = () => (banner.hidden = true);
  const open = (choosing: boolean) => {
    const current = grantedConsent();
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

  if (!grantedConsent()) open(false);
}
