// The README's "Going live" section against the code it describes, so it cannot go stale:
// its CSP example must allow the real snippet (sdk/snippet.html) by its hash and name the
// edge's origin where the SDK needs it, and its hash command must print that same hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const start = readme.indexOf('## Going live on Cloudflare');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const snippet = readFileSync('sdk/snippet.html', 'utf8');
const inline = /<script>([\s\S]*?)<\/script>/.exec(snippet)![1];
const hash = `'sha256-${createHash('sha256').update(inline).digest('base64')}'`;
const edge = new URL(/endpoint:'([^']+)'/.exec(inline)![1]).origin;

/** The example's directives: name → sources. */
function policy(): Map<string, string[]> {
  const line = /^Content-Security-Policy: (.+)$/m.exec(section);
  expect(line, 'a Content-Security-Policy example in the Going live section').not.toBeNull();
  return new Map(line![1].split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

describe('README: Going live', () => {
  it('shows the snippet exactly as sdk/snippet.html has it', () => {
    expect(section).toContain(snippet.trim());
  });

  it("allows the snippet by its sha256 hash in script-src", () => {
    expect(policy().get('script-src')).toContain(hash);
  });

  it.each(['script-src', 'connect-src', 'img-src'])('names the edge origin in %s', (directive) => {
    expect(policy().get(directive)).toContain(edge);
  });

  it('gives a hash command that prints the same hash for the snippet', () => {
    const command = /^node -e "(.+)" page\.html$/m.exec(section);
    expect(command, 'the node one-liner').not.toBeNull();
    const printed = execFileSync(process.execPath, ['-e', command![1].replace(/\\"/g, '"'), 'sdk/snippet.html'], { encoding: 'utf8' }).trim();
    expect(`'sha256-${printed}'`).toBe(hash);
  });

  it.each([
    ['origins in the site config', /`origins`/],
    ['catalog upload and format', /PUT https:\/\/[^\s]+\/admin\/sites\/[^/]+\/catalog/],
    ['what npm run deploy publishes', /`npm run deploy`[\s\S]*demo shop[\s\S]*`\/tester\.html`/],
    ['custom domain', /custom_domain = true/],
    ['nonce alternative', /'nonce-/],
    ['an existing GA4 dataLayer', /dataLayer: true/],
  ])('covers %s', (_, pattern) => {
    expect(section).toMatch(pattern);
  });
});
