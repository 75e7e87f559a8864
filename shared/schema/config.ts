import { z } from 'zod';
import { DEFAULT_CLV, DEFAULT_RFM_EDGES } from '../rfm.js';
import { Id, LongText, Num, ShortText, SiteId } from './common.js';
import { ContentSchema } from './content.js';
import { JourneySchema } from './journeys.js';
import { ProxySchema } from './proxy.js';

/**
 * A MongoDB-style condition on the attribute tree; its operators are checked by the rule
 * compiler and its attribute paths and values by the config checks, with paths.
 */
export const ConditionSchema = z.record(z.string(), z.unknown());
export type Condition = z.infer<typeof ConditionSchema>;
/** A condition on an event's parameters (an experiment's goal), not on the attribute tree. */
export const EventFilterSchema = z.record(z.string(), z.unknown());

const Edges = z
  .tuple([Num, Num, Num, Num])
  .refine((e) => e[0] < e[1] && e[1] < e[2] && e[2] < e[3], 'band edges must be strictly ascending');

export const SegmentSchema = z.object({
  id: Id,
  name: ShortText.optional(),
  description: LongText.optional(),
  when: ConditionSchema,
});

export const PersonaSchema = z.object({
  id: Id,
  name: ShortText,
  description: LongText.optional(),
  when: ConditionSchema,
});

export const STRATEGIES = [
  'also-bought',
  'also-viewed',
  'category-affinity',
  'upgrade',
  'trending',
  'bestsellers',
  'manual',
] as const;

export const RecommendationsSchema = z.object({
  strategies: z.array(z.enum(STRATEGIES)).min(1),
  count: z.number().int().min(1).max(24).default(4),
  maxPerCategory: z.number().int().min(1).optional(),
  /** Ids pinned for visitors matching `when` (the `manual` strategy), first match wins. */
  manual: z.array(z.object({ when: ConditionSchema.default({}), ids: z.array(z.string()).min(1) })).optional(),
});

export const VariantSchema = z.object({
  id: Id,
  name: ShortText.optional(),
  when: ConditionSchema,
  content: ContentSchema,
});

export const SlotSchema = z
  .object({
    default: ContentSchema.optional(),
    variants: z.array(VariantSchema).default([]),
    recommendations: RecommendationsSchema.optional(),
  })
  .refine((s) => s.default || s.recommendations, 'a slot needs default content or recommendations');

export const HypothesisSchema = z.union([
  LongText,
  z.object({
    goal: LongText.optional(),
    audience: LongText.optional(),
    change: LongText.optional(),
    expectedEffect: LongText.optional(),
  }),
]);

export const ExperimentSchema = z.object({
  id: Id,
  name: ShortText.optional(),
  hypothesis: HypothesisSchema,
  status: z.enum(['draft', 'running', 'stopped']),
  slot: Id,
  audience: ConditionSchema.default({}),
  /** Share of the audience that enters the experiment at all. */
  traffic: z.number().min(0).max(1).default(1),
  goal: z.object({ event: z.string().min(1).max(40), filter: EventFilterSchema.optional() }),
  /** Experiments in one group never share a visitor. */
  group: Id.optional(),
  minimumDetectableEffect: z.number().positive().max(10).optional(),
  startedAt: z.string().datetime({ offset: true }).optional(),
  variants: z
    .array(z.object({ id: Id, name: ShortText.optional(), weight: z.number().min(0).max(1), content: ContentSchema.optional() }))
    .min(2, 'an experiment needs a control and at least one variant'),
});

/** `GET /feeds/<site>/products.xml`: the catalog for Google Shopping and dynamic remarketing. */
export const FeedSchema = z
  .object({
    /** The feed is public, so a site turns it on. */
    enabled: z.boolean().default(false),
    /** Makes relative product links and images absolute (the shop's public address). */
    baseUrl: z.string().url().refine((u) => /^https?:/.test(u), 'an http(s) URL').optional(),
    /** Margin (1 − cost/price) at or above [high, mid] → margin-high / margin-mid, else margin-low. */
    marginBands: z
      .tuple([z.number().min(0).max(1), z.number().min(0).max(1)])
      .refine(([high, mid]) => high > mid, 'the first band must be higher than the second')
      .default([0.5, 0.3]),
  });

/**
 * A segment made usable outside the site: members are identified customers in the segment
 * who gave the purpose's consent; destinations are registered webhook names.
 */
export const AudienceSchema = z.object({
  id: Id,
  name: ShortText,
  segment: Id,
  purpose: z.enum(['email', 'ads']),
  destinations: z.array(Id).max(10).optional(),
});

/**
 * A personal discount code: `{{code.<id>}}` in copy or webhook data gives an identified
 * customer a code of their own (see shared/codes.ts). Rules decide who sees the
 * placeholder; `audience` additionally limits it to that audience's members.
 */
export const CodeSchema = z
  .object({
    id: Id,
    prefix: z.string().regex(/^[A-Z0-9]{1,12}$/, 'uppercase letters and digits, at most 12'),
    percent: z.number().gt(0).max(100).optional(),
    amount: z.number().positive().optional(),
    validDays: z.number().int().min(1).max(366),
    audience: Id.optional(),
  })
  .refine((c) => (c.percent === undefined) !== (c.amount === undefined), 'give either percent or amount');

export const ConfigSchema = z.object({
  $schema: z.string().optional(),
  site: SiteId,
  origins: z.array(z.string().url()).default([]),
  rfm: z
    .object({ recencyDays: Edges, frequency: Edges, monetary: Edges })
    .default({ ...DEFAULT_RFM_EDGES } as never),
  clv: z
    .object({ horizonMonths: z.number().positive().max(120), margin: z.number().min(0).max(1) })
    .default({ ...DEFAULT_CLV }),
  cart: z
    .object({
      abandonAfterMinutes: z.number().positive().max(60 * 24 * 90).default(30),
      /** Order value that ships free; gives rules and copy `cart.toFreeShipping`. */
      freeShippingAbove: z.number().positive().optional(),
    })
    .default({ abandonAfterMinutes: 30 }),
  segments: z.array(SegmentSchema).default([]),
  personas: z.array(PersonaSchema).default([]),
  slots: z.record(Id, SlotSchema).default({}),
  experiments: z.array(ExperimentSchema).default([]),
  recommendations: z
    .object({ bestsellers: z.array(z.string()).optional() })
    .default({}),
  /** The shop's currency (ISO 4217), for the product feed and money in reports. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"').default('EUR'),
  feed: FeedSchema.default({ enabled: false, marginBands: [0.5, 0.3] }),
  audiences: z.array(AudienceSchema).default([]),
  codes: z.array(CodeSchema).default([]),
  /** Timed messages to registered webhooks (`send.webhook` names one; see journeys.ts). */
  journeys: z.array(JourneySchema).default([]),
  /** Serve the shop through the edge, personalized in its HTML (edge/src/proxy). */
  proxy: ProxySchema.optional(),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
export type Segment = z.infer<typeof SegmentSchema>;
export type Persona = z.infer<typeof PersonaSchema>;
export type Slot = z.infer<typeof SlotSchema>;
export type Experiment = z.infer<typeof ExperimentSchema>;
export type Recommendations = z.infer<typeof RecommendationsSchema>;
export type Strategy = (typeof STRATEGIES)[number];
export type Audience = z.infer<typeof AudienceSchema>;
export type Code = z.infer<typeof CodeSchema>;
