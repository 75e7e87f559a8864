import { z } from 'zod';
import { DEFAULT_CLV, DEFAULT_RFM_EDGES } from '../rfm.js';
import { Id, LongText, Num, ShortText } from './common.js';
import { ContentSchema } from './content.js';
import { ProxySchema } from './proxy.js';

/** A MongoDB-style condition; its operators are checked by the rule compiler, with paths. */
export const ConditionSchema = z.record(z.string(), z.unknown());
export type Condition = z.infer<typeof ConditionSchema>;

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
  goal: z.object({ event: z.string().min(1).max(40), filter: ConditionSchema.optional() }),
  /** Experiments in one group never share a visitor. */
  group: Id.optional(),
  minimumDetectableEffect: z.number().positive().max(10).optional(),
  startedAt: z.string().datetime({ offset: true }).optional(),
  variants: z
    .array(z.object({ id: Id, weight: z.number().min(0).max(1), content: ContentSchema.optional() }))
    .min(2, 'an experiment needs a control and at least one variant'),
});

export const ConfigSchema = z.object({
  $schema: z.string().optional(),
  site: Id,
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
