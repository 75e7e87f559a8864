import type { AudienceMessage } from '../../../shared/schema/audiences.js';
import type { Audience } from '../../../shared/schema/config.js';
import type { Delivery } from '../delivery/deliver.js';
import type { CustomerRecord } from './customer-store.js';

export type ExitReason = NonNullable<AudienceMessage['reason']>;

/** What the delivery records count an audience's messages under (apart from journey ids). */
export const audienceRef = (id: string) => `audience:${id}`;

/**
 * One message per destination of the audience, carrying the customer id and hashes only.
 * The exit of a forgotten customer names no subject: it is the last word about them, sent
 * after their data is gone, so the forget that caused it must not cancel it.
 */
export function audienceMessages(
  site: string,
  audience: Audience,
  customer: CustomerRecord,
  at: number,
  exit?: ExitReason,
): Delivery[] {
  const payload: Omit<AudienceMessage, 'type'> = {
    site,
    audience: audience.id,
    purpose: audience.purpose,
    customer_id: customer.customer,
    ...(customer.emailSha256 && { email_sha256: customer.emailSha256 }),
    ...(customer.phoneSha256 && { phone_sha256: customer.phoneSha256 }),
    at: new Date(at).toISOString(),
    ...(exit && { reason: exit }),
  };
  return (audience.destinations ?? []).map((webhook) => ({
    site,
    webhook,
    type: exit ? 'audience.exited' : 'audience.entered',
    payload,
    key: customer.customer,
    ref: audienceRef(audience.id),
    subject: exit === 'forgotten' ? null : customer.customer,
  }));
}
