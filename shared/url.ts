/**
 * Links and images in personalized content may only be http(s) or relative. Parsing
 * against a dummy base catches what a prefix check misses: "java\tscript:", " javascript:",
 * upper case schemes, and data:/blob: URLs all resolve to a non-http protocol.
 */
export function isSafeUrl(value: string): boolean {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const { protocol } = new URL(value, 'http://relative.invalid/');
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
