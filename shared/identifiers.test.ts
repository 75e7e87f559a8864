import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashEmail, hashPhone, normalizeEmail, normalizePhone, sha256Hex } from './identifiers.js';

describe('normalizeEmail', () => {
  it.each([
    // Google: remove leading and trailing whitespace, convert to lowercase.
    ['  Test@Gmail.com ', 'test@gmail.com'],
    ['JohnDoe@Example.COM', 'johndoe@example.com'],
    // Google (Campaign Manager 360, enhanced conversions): drop the dots before the
    // domain of gmail.com and googlemail.com addresses.
    ['jane.doe@gmail.com', 'janedoe@gmail.com'],
    ['Jane.Doe@GoogleMail.com', 'janedoe@googlemail.com'],
    ['j.a.n.e+newsletter@gmail.com', 'jane@gmail.com'],
    ['jane+shop@googlemail.com', 'jane@googlemail.com'],
    // Only for Gmail: elsewhere dots and plus addressing are part of the mailbox.
    ['jane.doe+shop@example.com', 'jane.doe+shop@example.com'],
    ['jane.doe@gmail.co.uk', 'jane.doe@gmail.co.uk'],
    ['jane doe@example.com', 'janedoe@example.com'],
  ])('%j → %s', (raw, normalized) => {
    expect(normalizeEmail(raw)).toBe(normalized);
  });

  it.each(['', 'jane', '@example.com', 'jane@', 'jane@localhost', 'jane@example.', '+tag@gmail.com', '...@gmail.com', 'jane@.com'])('%j is no address', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });
});

describe('normalizePhone', () => {
  it.each([
    // Google Ads API: E.164, "a number up to fifteen digits starting with a + sign".
    ['+12125650000', '+12125650000'],
    ['+442070313000', '+442070313000'],
    // Google's Customer Match template: phone numbers with their country code, formatted freely.
    ['1-800-888-8888', '+18008888888'],
    ['18008888899', '+18008888899'],
    ['1(800)888-8888', '+18008888888'],
    ['+1 (800) 888-8888', '+18008888888'],
    ['+31 (0)20 123 4567', '+31201234567'],
    ['0031 20 123 4567', '+31201234567'],
    [' +49 30/1234567 ', '+49301234567'],
  ])('%j → %s', (raw, normalized) => {
    expect(normalizePhone(raw)).toBe(normalized);
  });

  it.each([
    ['a national number (no country code)', '020 123 4567'],
    ['letters (an extension)', '+1 800 888 8888 ext. 12'],
    ['too short', '+12345'],
    ['too long', '+1234567890123456'],
    ['a plus inside', '1+800888888'],
    ['empty', ''],
  ])('%s gives null', (_, raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('hashing', () => {
  const node = (text: string) => createHash('sha256').update(text).digest('hex');

  it('is lowercase hex SHA-256 of the UTF-8 bytes', async () => {
    for (const text of ['', 'test@gmail.com', 'zoë@example.com', '+18008888888']) expect(await sha256Hex(text)).toBe(node(text));
  });

  it('hashes the normalised form, so spellings of one address give one hash', async () => {
    // A published example (TikTok's customer file guide): janedoe@gmail.com.
    const janedoe = 'd6117306485ed0e50afab3ac871e98f81699151f30281527d63ff5f233656c69';
    expect(await hashEmail('janedoe@gmail.com')).toBe(janedoe);
    expect(await hashEmail(' Jane.Doe+Shop@GMAIL.com')).toBe(janedoe);
    expect(await hashPhone('1 (800) 888-8888')).toBe(node('+18008888888'));
  });

  it('gives null, not a hash of garbage', async () => {
    expect(await hashEmail('not an address')).toBeNull();
    expect(await hashPhone('call me')).toBeNull();
  });
});
