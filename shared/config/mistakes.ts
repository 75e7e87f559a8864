/**
 * The mistakes a marketer makes in a config, each with what the checks must answer: a
 * table shared by the tests of `validateConfig`, of the CLI and of the admin API, so all
 * three are held to the same answers. `base()` is a config with no problem at all.
 */
import type { ConfigInput } from '../schema/config.js';

export const CATALOG_CATEGORIES = ['thrillers', 'dresses', 'cookbooks'];

export function base(): ConfigInput {
  return {
    site: 'shop',
    segments: [
      { id: 'thriller-lovers', when: { 'categories.thrillers.views': { $gte: 3 } } },
      { id: 'champions', when: { 'rfm.segment': 'champions' } },
    ],
    personas: [{ id: 'reader', name: 'Reader', when: { segments: 'thriller-lovers' } }],
    slots: {
      hero: {
        default: { headline: 'Good books', body: 'For autumn', cta: { label: 'Shop', href: '/shop' } },
        variants: [
          { id: 'thrillers', when: { segments: 'thriller-lovers' }, content: { headline: 'Thrillers for you' } },
          { id: 'champions', when: { segments: 'champions' }, content: { headline: 'Thank you, {{traits.name|reader}}', body: '{{code.thanks|}}' } },
        ],
      },
    },
    experiments: [
      {
        id: 'quotes',
        hypothesis: 'Reviewer quotes sell more thrillers',
        status: 'running',
        slot: 'hero',
        goal: { event: 'purchase' },
        variants: [
          { id: 'control', weight: 0.5 },
          { id: 'quotes', weight: 0.5, content: { headline: 'Loved by critics' } },
        ],
      },
    ],
    codes: [{ id: 'thanks', prefix: 'THANKS', percent: 10, validDays: 30 }],
  };
}

export interface Mistake {
  name: string;
  change: (config: ConfigInput) => void;
  severity: 'error' | 'warning';
  /** As `formatPath` writes it. */
  path: string;
  /** Part of the message, with the suggestion where there is one. */
  message: string;
}

type Any = any; // the mistakes are ones the types would catch in TypeScript, but not in JSON
const journey = () => ({ id: 'thanks', name: 'Thanks', trigger: { segmentEntered: 'champions' }, wait: '1d', send: { webhook: 'mailer' } });
const when = (config: ConfigInput, segment: number, condition: Record<string, unknown>) => {
  (config.segments as Any)[segment].when = condition;
};

export const MISTAKES: Mistake[] = [
  {
    name: 'a path outside the tree',
    change: (c) => when(c, 1, { 'rfm.segmnt': 'champions' }),
    severity: 'error',
    path: 'segments[1].when["rfm.segmnt"]',
    message: 'unknown attribute "rfm.segmnt"; did you mean "rfm.segment"?',
  },
  {
    name: 'a misspelt context attribute',
    change: (c) => when(c, 1, { 'context.sorce': 'email' }),
    severity: 'error',
    path: 'segments[1].when["context.sorce"]',
    message: 'did you mean "context.source"?',
  },
  {
    name: 'a misspelt field of a category',
    change: (c) => when(c, 0, { 'categories.thrillers.view': { $gte: 3 } }),
    severity: 'error',
    path: 'segments[0].when["categories.thrillers.view"]',
    message: 'did you mean "categories.thrillers.views"?',
  },
  {
    name: 'a value outside a closed set',
    change: (c) => when(c, 1, { 'rfm.segment': 'champion' }),
    severity: 'error',
    path: 'segments[1].when["rfm.segment"]',
    message: '"champion" is not a value of rfm.segment',
  },
  {
    name: 'a value outside a closed set in $in',
    change: (c) => when(c, 1, { 'rfm.segment': { $in: ['loyal', 'champion'] } }),
    severity: 'error',
    path: 'segments[1].when["rfm.segment"].$in[1]',
    message: 'did you mean "champions"?',
  },
  {
    name: 'a value outside a closed set in $nin',
    change: (c) => when(c, 1, { 'context.device': { $nin: ['Mobile'] } }),
    severity: 'error',
    path: 'segments[1].when["context.device"].$nin[0]',
    message: 'did you mean "mobile"?',
  },
  {
    name: 'a value outside a closed set in $ne',
    change: (c) => when(c, 1, { 'context.weekday': { $ne: 'monday' } }),
    severity: 'error',
    path: 'segments[1].when["context.weekday"].$ne',
    message: 'did you mean "mon"?',
  },
  {
    name: 'a value outside a closed set in $eq',
    change: (c) => when(c, 1, { 'context.weather.condition': { $eq: 'rainy' } }),
    severity: 'error',
    path: 'segments[1].when["context.weather.condition"].$eq',
    message: 'did you mean "rain"?',
  },
  {
    name: 'a number written as text',
    change: (c) => when(c, 0, { 'categories.thrillers.views': { $gte: '3' } }),
    severity: 'error',
    path: 'segments[0].when["categories.thrillers.views"].$gte',
    message: 'categories.thrillers.views is a number, and "3" is text; write 3 without quotes',
  },
  {
    name: 'a regex on a number',
    change: (c) => when(c, 1, { 'cart.value': { $regex: '^4' } }),
    severity: 'error',
    path: 'segments[1].when["cart.value"].$regex',
    message: '"$regex" applies to text, and cart.value is a number: it never matches',
  },
  {
    name: '$size on something that is not a list',
    change: (c) => when(c, 1, { 'cart.items': { $size: 2 } }),
    severity: 'error',
    path: 'segments[1].when["cart.items"].$size',
    message: '"$size" applies to lists, and cart.items is a number: it never matches',
  },
  {
    name: 'a boolean written as text',
    change: (c) => when(c, 1, { 'cart.abandoned': 'true' }),
    severity: 'error',
    path: 'segments[1].when["cart.abandoned"]',
    message: 'write true without quotes',
  },
  {
    name: 'an hour that never comes',
    change: (c) => when(c, 1, { 'context.hour': 24 }),
    severity: 'error',
    path: 'segments[1].when["context.hour"]',
    message: 'context.hour is a whole number 0–23; 24 is outside',
  },
  {
    name: 'a country code in lower case',
    change: (c) => when(c, 1, { 'context.country': { $in: ['nl'] } }),
    severity: 'error',
    path: 'segments[1].when["context.country"].$in[0]',
    message: 'did you mean "NL"?',
  },
  {
    name: 'a GrowthBook version comparison on a number',
    change: (c) => when(c, 1, { 'visitor.sessions': { $vgte: '1.2.0' } }),
    severity: 'error',
    path: 'segments[1].when["visitor.sessions"].$vgte',
    message: '"$vgte" applies to text, and visitor.sessions is a number: it never matches',
  },
  {
    name: 'a rule on an attribute filled only for copy',
    change: (c) => when(c, 1, { 'code.thanks': { $exists: true } }),
    severity: 'error',
    path: 'segments[1].when["code.thanks"]',
    message: 'code.thanks is filled for copy only, after rules run: a rule on it never matches',
  },
  {
    name: 'a misspelt code in copy',
    change: (c) => {
      (c.slots as Any).hero.variants[1].content.body = 'Your code: {{code.thank|}}';
    },
    severity: 'error',
    path: 'slots.hero.variants[1].content.body',
    message: 'code "thank" is not defined in codes; did you mean "thanks"?',
  },
  {
    name: 'a reference to a misspelt segment',
    change: (c) => {
      (c.personas as Any)[0].when = { segments: 'thriler-lovers' };
    },
    severity: 'error',
    path: 'personas[0].when.segments',
    message: 'refers to segment "thriler-lovers", which is not defined; did you mean "thriller-lovers"?',
  },
  {
    name: 'an unknown placeholder in a variant',
    change: (c) => {
      (c.slots as Any).hero.variants[0].content.headline = 'Only €{{cart.vlaue}} to go';
    },
    severity: 'error',
    path: 'slots.hero.variants[0].content.headline',
    message: '{{cart.vlaue}}: unknown attribute "cart.vlaue"; did you mean "cart.value"?',
  },
  {
    name: 'an unknown placeholder in a button of the default',
    change: (c) => {
      (c.slots as Any).hero.default.cta.label = 'Shop {{rfm.segmnt}}';
    },
    severity: 'error',
    path: 'slots.hero.default.cta.label',
    message: 'did you mean "rfm.segment"?',
  },
  {
    name: 'an unknown placeholder in an experiment arm',
    change: (c) => {
      (c.experiments as Any)[0].variants[1].content.headline = '{{visitor.sesions}} visits';
    },
    severity: 'error',
    path: 'experiments[0].variants[1].content.headline',
    message: 'did you mean "visitor.sessions"?',
  },
  {
    name: 'experiment weights that do not add up to 1',
    change: (c) => {
      (c.experiments as Any)[0].variants[0].weight = 0.7;
    },
    severity: 'error',
    path: 'experiments[0].variants',
    message: 'variant weights add up to 1.2 (0.7 + 0.5); they must add up to 1',
  },
  {
    name: 'an experiment on an unknown slot',
    change: (c) => {
      (c.experiments as Any)[0].slot = 'hreo';
    },
    severity: 'error',
    path: 'experiments[0].slot',
    message: 'slot "hreo" is not defined in slots; did you mean "hero"?',
  },
  {
    name: 'a journey on a misspelt segment',
    change: (c) => {
      (c as Any).journeys = [{ ...journey(), trigger: { segmentEntered: 'champion' } }];
    },
    severity: 'error',
    path: 'journeys[0].trigger.segmentEntered',
    message: 'segment "champion" is not defined in segments; did you mean "champions"?',
  },
  {
    name: 'an unknown placeholder in a journey message',
    change: (c) => {
      (c as Any).journeys = [{ ...journey(), send: { webhook: 'mailer', data: { lines: ['Your {{cart.itmes}} items'] } } }];
    },
    severity: 'error',
    path: 'journeys[0].send.data.lines[0]',
    message: 'did you mean "cart.items"?',
  },
  {
    name: 'a category the catalog does not have',
    change: (c) => when(c, 0, { 'categories.thriller.views': { $gte: 3 } }),
    severity: 'warning',
    path: 'segments[0].when["categories.thriller.views"]',
    message: 'category "thriller" appears in no product of the catalog; did you mean "thrillers"?',
  },
  {
    name: 'a category the catalog does not have, among interests',
    change: (c) => when(c, 0, { 'interests.0': { $in: ['thrillers', 'cookbook'] } }),
    severity: 'warning',
    path: 'segments[0].when["interests.0"].$in[1]',
    message: 'did you mean "cookbooks"?',
  },
  {
    name: 'a variant content key the default does not have',
    change: (c) => {
      (c.slots as Any).hero.variants[0].content = { headine: 'Thrillers for you' };
    },
    severity: 'warning',
    path: 'slots.hero.variants[0].content.headine',
    message: 'content key "headine" is not in the default content of slot "hero"; did you mean "headline"?',
  },
  {
    name: 'a segment nothing uses',
    change: (c) => {
      c.segments!.push({ id: 'from-email', when: { 'context.source': 'email' } });
    },
    severity: 'warning',
    path: 'segments[2].id',
    message: 'segment "from-email" is used by no rule, slot, experiment, persona, audience or journey',
  },
  {
    name: 'a persona after one that always matches',
    change: (c) => {
      c.personas!.unshift({ id: 'everyone', name: 'Everyone', when: {} });
    },
    severity: 'warning',
    path: 'personas[1].when',
    message: 'persona "reader" can never match: persona "everyone" before it matches every visitor',
  },
  {
    name: 'a variant after one that always matches',
    change: (c) => {
      (c.slots as Any).hero.variants[0].when = {};
    },
    severity: 'warning',
    path: 'slots.hero.variants[1].when',
    message: 'variant "champions" can never be shown: variant "thrillers" before it matches every visitor',
  },
  {
    name: 'a misspelt top-level key',
    change: (c) => {
      (c as Any).persona = c.personas;
      delete c.personas;
    },
    severity: 'warning',
    path: 'persona',
    message: 'unknown key "persona" is ignored; did you mean "personas"?',
  },
];

/** The config with one mistake made. */
export function withMistake(mistake: Mistake): ConfigInput {
  const config = base();
  mistake.change(config);
  return config;
}
