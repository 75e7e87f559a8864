import { z } from 'zod';
import { LongText, SafeUrl, ShortText } from './common.js';

/**
 * What a slot shows. Always plain text: renderers insert it as text, so it is escaped
 * exactly once, where it meets HTML. Copy may hold {{path}} placeholders filled from the
 * attribute tree. Extra text fields (a badge, a price line) are allowed by name.
 */
const Image = z.object({ src: SafeUrl, alt: ShortText });
const Link = z.object({ label: ShortText, href: SafeUrl });

export const ContentSchema = z
  .object({
    headline: ShortText.optional(),
    body: LongText.optional(),
    image: Image.optional(),
    cta: Link.optional(),
  })
  // Extra fields by name: text, or a further image or link (a badge picture, a second button).
  .catchall(z.union([LongText, Image, Link]));
export type Content = z.infer<typeof ContentSchema>;
