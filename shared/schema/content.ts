import { z } from 'zod';
import { LongText, SafeUrl, ShortText } from './common.js';

/**
 * What a slot shows. Always plain text: renderers insert it as text, so it is escaped
 * exactly once, where it meets HTML. Copy may hold {{path}} placeholders filled from the
 * attribute tree. Extra text fields (a badge, a price line) are allowed by name.
 */
export const ContentSchema = z
  .object({
    headline: ShortText.optional(),
    body: LongText.optional(),
    image: z.object({ src: SafeUrl, alt: ShortText }).optional(),
    cta: z.object({ label: ShortText, href: SafeUrl }).optional(),
  })
  .catchall(LongText);
export type Content = z.infer<typeof ContentSchema>;
