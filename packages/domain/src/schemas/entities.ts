import { z } from 'zod';
import { PeriodSchema } from './period.js';

/** Kebab-case identifiers: `alibaba-cloud`, `china-ai-cloud`. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a kebab-case id like alibaba-cloud');

export const HexColorSchema = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'expected a colour like #E69F00');

/** A parent company (Alibaba Group, ByteDance): the unit users compare, with its chart colour. */
export const CompanySchema = z.object({
  id: SlugSchema,
  name: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 country code like CN'),
  color: HexColorSchema,
});
export type Company = z.infer<typeof CompanySchema>;

/**
 * A vendor as the publishers name it (Alibaba Cloud, Volcano Engine), belonging to a parent
 * company. `aliases` are the other names under which figures about it appear; `color` is the
 * parent company's colour so a vendor looks the same on every chart.
 */
export const VendorSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1),
  parentId: SlugSchema,
  parentName: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/),
  aliases: z.array(z.string().min(1)),
  color: HexColorSchema,
});
export type Vendor = z.infer<typeof VendorSchema>;

/**
 * An alias as it appears in a source row, resolved to a vendor and, when the name is a model
 * family's ("Qwen (Alibaba Cloud)"), that family.
 */
export const VendorAliasSchema = z.object({
  alias: z.string().min(1),
  vendorId: SlugSchema,
  modelFamily: z.string().min(1).nullable(),
});
export type VendorAlias = z.infer<typeof VendorAliasSchema>;

/** What a market's shares measure. Figures on different bases are never compared silently. */
export const MetricBasisSchema = z.enum(['revenue', 'token-volume', 'usage']);
export type MetricBasis = z.infer<typeof MetricBasisSchema>;

/**
 * A market (segment) with a written scope. `subjectLevel` says whether its figures are about
 * vendors or about model families (Frost & Sullivan ranks Qwen, Doubao, DeepSeek).
 * `sourceNames` are the market/metric wordings of source rows that belong to it; `sizeNames` the
 * wordings of market totals measured on the same definition.
 */
export const MarketSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1),
  /** What the market's shares rank, for sentences: "AI-cloud revenue", "model API token volume". */
  shortName: z.string().min(1),
  region: z.enum(['China', 'Global']),
  metricBasis: MetricBasisSchema,
  metric: z.string().min(1),
  scope: z.string().min(1),
  subjectLevel: z.enum(['vendor', 'model-family']),
  sourceNames: z.array(z.object({ market: z.string().min(1), metric: z.string().min(1) })).min(1),
  /** Market wordings of the market-size rows whose totals use this market's definition. */
  sizeNames: z.array(z.string().min(1)),
});
export type Market = z.infer<typeof MarketSchema>;

/** How much to trust a source; shown to users as the figure's confidence, never used to drop it. */
export const SourceQualitySchema = z.enum(['primary', 'press', 'community', 'secondary']);
export type SourceQuality = z.infer<typeof SourceQualitySchema>;

/** A date as precise as the source gives it: `2025`, `2025-09` or `2025-09-10`. */
export const PartialDateSchema = z
  .string()
  .regex(
    /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/,
    'expected a date like 2025, 2025-09 or 2025-09-10',
  );

/** The page a figure was read on: who published the number, where, when, and how reliable. */
export const SourceSchema = z.object({
  id: z.string().regex(/^s-[0-9a-f]{16}$/),
  publisher: z.string().min(1),
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  publishedDate: PartialDateSchema.nullable(),
  quality: SourceQualitySchema,
});
export type Source = z.infer<typeof SourceSchema>;

/**
 * One published share figure. The subject is a single vendor or, for combined figures ("the top
 * three together held 71%"), a vendor group whose members are listed in `vendorIds`; a group's
 * figure is never split into per-vendor numbers. `modelFamily` is set when the figure is about a
 * model family (Qwen) rather than the whole vendor. `sharePct` is 0–100; `sharePctText` is the
 * value exactly as published ("18.0"). `datasetRow` is the 1-based data row in the bundled CSV.
 */
export const ShareFigureSchema = z.object({
  id: z.string().regex(/^f-[0-9a-f]{16}$/),
  marketId: SlugSchema,
  subjectKind: z.enum(['vendor', 'group']),
  subjectId: z.string().min(1),
  subjectName: z.string().min(1),
  vendorIds: z.array(SlugSchema).min(1),
  modelFamily: z.string().nullable(),
  period: PeriodSchema,
  sharePct: z.number().min(0).max(100),
  sharePctText: z.string().regex(/^\d{1,3}(?:\.\d+)?$/),
  sourceId: SourceSchema.shape.id,
  quote: z.string().min(1),
  datasetRow: z.number().int().positive(),
});
export type ShareFigure = z.infer<typeof ShareFigureSchema>;

/** A combined subject: "Alibaba Cloud + Huawei Cloud + Tencent Cloud". */
export const VendorGroupSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  vendorIds: z.array(SlugSchema).min(2),
});
export type VendorGroup = z.infer<typeof VendorGroupSchema>;
