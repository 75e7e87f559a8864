import { describe, expect, it } from 'vitest';
import { isSafeUrl } from './url.js';

describe('isSafeUrl: only http(s) and relative URLs', () => {
  it.each([
    ['https://shop.example/a', true],
    ['http://shop.example', true],
    ['/relative/path?x=1#top', true],
    ['./img/cover.svg', true],
    ['../up', true],
    ['cover.svg', true],
    ['?page=2', true],
    ['#reviews', true],
    ['//cdn.example/x.png', true],
    ['HTTPS://SHOP.EXAMPLE/', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['java\tscript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:msgbox', false],
    ['blob:https://shop.example/uuid', false],
    ['file:///etc/passwd', false],
    ['mailto:a@b.c', false],
    ['http://[::1', false],
    ['x'.repeat(3000), false],
  ])('%s → %s', (url, safe) => expect(isSafeUrl(url)).toBe(safe));
});
