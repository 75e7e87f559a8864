import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_CATEGORIES, MISTAKES, base, withMistake } from './mistakes.js';
import { formatPath, validateConfig } from './validate.js';

const problems = (input: unknown, catalogCategories?: string[]) => {
  const result = validateConfig(input, { catalogCategories });
  const show = (severity: string) => (i: { path: (string | number)[]; message: string }) => ({ severity, path: formatPath(i.path), message: i.message });
  return { result, all: [...result.issues.map(show('error')), ...result.warnings.map(show('warning'))] };
};

describe('validateConfig: the mistakes a marketer makes', () => {
  it('finds nothing wrong with the base config', () => {
    const { result, all } = problems(base(), CATALOG_CATEGORIES);
    expect(all).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(MISTAKES.map((m) => [m.name, m] as const))('%s: reported with its path and suggestion, and nothing else', (_name, mistake) => {
    const { result, all } = problems(withMistake(mistake), CATALOG_CATEGORIES);
    expect(all).toEqual([{ severity: mistake.severity, path: mistake.path, message: expect.stringContaining(mistake.message) }]);
    // Errors refuse the config; warnings leave it accepted.
    expect(result.ok).toBe(mistake.severity === 'warning');
  });

  it('says nothing about category names without a catalog', () => {
    const mistake = MISTAKES.find((m) => m.name === 'a category the catalog does not have')!;
    expect(problems(withMistake(mistake)).all).toEqual([]);
  });

  it('reports all mistakes of one config in one pass, schema problems included, in file order', () => {
    const names = [
      'a number written as text',
      'an hour that never comes',
      'a reference to a misspelt segment',
      'a persona after one that always matches',
      'an unknown placeholder in a button of the default',
      'a variant content key the default does not have',
      'an experiment on an unknown slot',
      'experiment weights that do not add up to 1',
    ];
    const chosen = names.map((name) => MISTAKES.find((m) => m.name === name)!);
    const { site, ...rest } = base() as any;
    const config = { site, origins: ['not a url'], ...rest };
    for (const mistake of chosen) mistake.change(config);
    config.segments[1].when['rfm.r'] = { $gtt: 3 };
    const { all } = problems(config, CATALOG_CATEGORIES);
    const errors = all.filter((p) => p.severity === 'error').map((p) => p.path);
    const warnings = all.filter((p) => p.severity === 'warning').map((p) => p.path);
    const expected = (severity: string) => chosen.filter((m) => m.severity === severity).map((m) => m.path);
    // The persona shadowed is the one with the misspelt reference, now second.
    const mistakenErrors = expected('error').map((path) => path.replace('personas[0]', 'personas[1]'));
    expect(errors).toEqual(['origins[0]', ...mistakenErrors.slice(0, 2), 'segments[1].when["rfm.r"].$gtt', ...mistakenErrors.slice(2)]);
    expect(warnings).toEqual(expected('warning'));
  });

  it('checks conditions even when the schema refuses the file', () => {
    const config = base() as any;
    delete config.site;
    config.personas[0].when = { 'rfm.segmnt': 'champions', 'rfm.r': { $gtt: 3 } };
    const { all } = problems(config);
    expect(all.map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^\(root\)|^site/),
      'personas[0].when["rfm.segmnt"]: unknown attribute "rfm.segmnt"; did you mean "rfm.segment"?',
      expect.stringMatching(/^personas\[0\]\.when\["rfm\.r"\]\.\$gtt: unknown operator "\$gtt"/),
    ]);
  });

  it('reports one problem once when the checks and the compiler both see it', () => {
    const config = base() as any;
    config.experiments[0].slot = 'nowhere';
    config.experiments[0].variants[0].weight = 0;
    config.experiments[0].variants[1].weight = 0;
    const { all } = problems(config);
    expect(all.map((p) => p.path)).toEqual(['experiments[0].slot', 'experiments[0].variants']);
  });

  it('accepts paths into lists, free namespaces and object comparisons', () => {
    const config = base() as any;
    config.segments[0].when = {
      'interests.0': 'thrillers',
      'segments.0': { $exists: true },
      'traits.tier': 'gold',
      'traits.items.price': { $gte: 10 },
      'customer.tags': { $elemMatch: { $eq: 'vip' } },
      'products.viewed': { $size: { $gte: 2 } },
      segments: { $elemMatch: { $in: ['champions'] } },
      'context.utm': { source: 'newsletter' },
      rfm: { $exists: true },
      'context.weather.temperature': { $lt: -5 },
      'rfm.segment': { $ini: ['CHAMPIONS', 'Loyal'] },
      'context.url': { $type: 'string', $regexi: 'sale' },
      $or: [{ 'context.path': { $regex: '^/books', $options: 'i' } }, { 'context.language': { $not: { $regex: '^de' } } }],
    };
    expect(problems(config).all).toEqual([]);
  });

  it('counts a segment an audience uses as used', () => {
    const config = base() as any;
    config.segments.push({ id: 'from-email', when: { 'context.source': 'email' } });
    expect(problems(config).all.map((p) => p.path)).toEqual(['segments[2].id']);
    config.audiences = [{ id: 'newsletter', name: 'Newsletter', segment: 'from-email', purpose: 'email' }];
    expect(problems(config).all).toEqual([]);
  });

  it('checks stored configs only for what serving them needs', () => {
    const config = withMistake(MISTAKES[0]);
    expect(validateConfig(config).ok).toBe(false);
    expect(validateConfig(config, { stored: true })).toMatchObject({ ok: true, warnings: [] });
  });

  it('accepts the demo config with no problem, against the demo catalog', () => {
    const demo = JSON.parse(readFileSync(new URL('../../demo-shop/vitrine.config.json', import.meta.url), 'utf8'));
    const catalog = JSON.parse(readFileSync(new URL('../../demo-shop/catalog.json', import.meta.url), 'utf8')) as { category: string }[];
    expect(problems(demo, catalog.map((p) => p.category)).all).toEqual([]);
  });
});
