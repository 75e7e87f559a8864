import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { ContentSchema } from '../../../shared/schema/content.js';
import { decideBody, post, put, siteConfig } from '../testing/fixtures.js';

const SITE = 'content-fill';

describe('content copy and shapes (finding 12)', () => {
  it('fills placeholders in every text of a content object, extra links and images too, never in URLs', async () => {
    const config = siteConfig(SITE);
    config.slots!.promo = {
      default: {
        headline: 'Hi {{persona|reader}}',
        second: { label: 'More for {{persona|you}}', href: '/more?for={{persona|you}}' },
        badge: { src: '/badge.png', alt: 'Badge for {{persona|you}}' },
      },
    };
    expect((await SELF.fetch(put(`/admin/sites/${SITE}/config`, config))).status).toBe(201);
    const res = (await (await SELF.fetch(post('/v1/decide', decideBody(SITE, { slots: ['promo'] })))).json()) as any;
    expect(res.slots.promo.content).toEqual({
      headline: 'Hi reader',
      second: { label: 'More for you', href: '/more?for={{persona|you}}' },
      badge: { src: '/badge.png', alt: 'Badge for you' },
    });
  });

  it.each([
    ['an image with a link’s href', { extra: { src: '/a.png', alt: 'a', href: 'https://evil.example' } }, ['extra']],
    ['a link with an image’s src', { extra: { label: 'l', href: '/x', src: '/a.png' } }, ['extra']],
    ['a link where the image goes', { image: { label: 'Call now', href: '/x' } }, ['image']],
    ['an image where the button goes', { cta: { src: '/a.png', alt: 'a' } }, ['cta']],
  ])('refuses %s: an image is exactly {src, alt}, a link exactly {label, href}', (_, content, path) => {
    const parsed = ContentSchema.safeParse(content);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.slice(0, 1))).toContainEqual(path);
  });

  it('still takes well-formed images, links and text as extra fields', () => {
    const content = { note: 'text', pic: { src: '/p.png', alt: 'p' }, go: { label: 'Go', href: '/go' } };
    expect(ContentSchema.parse(content)).toEqual(content);
  });
});
