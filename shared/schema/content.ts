import { z } from 'zod';
import { LongText, SafeUrl, ShortText } from './common.js';

/**
 * What a slot shows. Always plain text: renderers insert it as text, so it is escaped
 * exactly once, where it meets HTML. Copy may hold {{path}} placeholders filled from the
 * attribute tree. Extra text fields (a badge, a price line) are allowed by name.
 *
 * An image and a link are told apart by their keys alone, and both are strict: an image is
 * exactly `{src, alt}`, a link exactly `{label, href}`, so no value is both and an
 * object with a stray key is refused rather than guessed at. A renderer puts only an
 * image's `src` into an <img>, never a link's `href`.
 */
const Image = z.strictObject({ src: SafeUrl, alt: ShortText });
const Link = z.strictObject({ label: ShortText, href: SafeUrl });

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
