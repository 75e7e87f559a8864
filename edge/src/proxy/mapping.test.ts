import { describe, expect, it } from 'vitest';
import { pageUrl, publicUrl, withoutPrefix, type Target } from './mapping.js';

const host: Target = { site: 's', origin: 'https://origin.shop.test', publicOrigin: 'https://www.shop.test', prefix: '', path: '/books/list.html?page=2' };
const path: Target = { ...host, publicOrigin: 'http://127.0.0.1:8787', prefix: '/proxy/s' };

describe('URL mapping between the browser and the origin', () => {
  it.each([
    [host, '/cart.html', '/cart.html'],
    [host, 'next.html', '/books/next.html'],
    [host, 'https://origin.shop.test/a?b=1#c', 'https://www.shop.test/a?b=1#c'],
    [host, 'https://pay.example/x', 'https://pay.example/x'],
    [path, '/cart.html', '/proxy/s/cart.html'],
    [path, 'next.html?x=1', '/proxy/s/books/next.html?x=1'],
    [path, '//origin.shop.test/a', 'http://127.0.0.1:8787/proxy/s/a'],
    [path, 'https://origin.shop.test/', 'http://127.0.0.1:8787/proxy/s/'],
    [path, 'http://origin.shop.test/', 'http://origin.shop.test/'],
  ])('%# a Location of %s → %s', (t, location, expected) => {
    expect(publicUrl(t, location)).toBe(expected);
  });

  it('shows the rules the origin’s path and query on the public host', () => {
    expect(pageUrl(host)).toBe('https://www.shop.test/books/list.html?page=2');
    expect(pageUrl(path)).toBe('http://127.0.0.1:8787/books/list.html?page=2');
  });

  it('takes the prefix off a referrer from the proxied pages only', () => {
    expect(withoutPrefix(path, 'http://127.0.0.1:8787/proxy/s/cart.html?x')).toBe('http://127.0.0.1:8787/cart.html?x');
    expect(withoutPrefix(path, 'http://127.0.0.1:8787/proxy/other/x')).toBe('http://127.0.0.1:8787/proxy/other/x');
    expect(withoutPrefix(host, 'https://www.google.com/')).toBe('https://www.google.com/');
  });
});
