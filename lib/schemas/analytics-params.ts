import { z } from 'zod';
import { ZDimensionString } from './dashboard-layout';

/**
 * The chart parameters the dashboard's analytics routes take beside the
 * dashboard filters (lib/schemas/dashboard-filters.ts):
 *
 *   /api/analytics/breakdown?dimension=meta.flow     (or ?model=42)
 *   /api/analytics/trend?model=201&interval=week
 *   /api/analytics/cross-tab?rows=42&cols=meta.flow
 *
 * A dimension is a model id, `meta.KEY` or a field (lib/schemas/dashboard-layout.ts).
 */

export const TREND_INTERVALS = ['day', 'week'] as const;

const modelId = (name: string) =>
  z.coerce.number({ message: `${name} is a model id` }).int(`${name} is a model id`).positive(`${name} is a model id`).max(999_999_999, `${name} is a model id`);

export const ZBreakdownParams = z
  .object({
    model: modelId('model').optional(),
    dimension: ZDimensionString.optional(),
    /** with estimated true shares and their intervals (a model's breakdown) */
    estimates: z.enum(['1', '0', 'true', 'false'], { message: 'estimates is 1 or 0' }).optional(),
  })
  .refine((p) => p.model !== undefined || p.dimension !== undefined, { message: 'name a dimension: dimension=42, dimension=meta.KEY or model=42', path: ['dimension'] })
  .transform((p) => ({ dimension: p.dimension ?? String(p.model), estimates: p.estimates === '1' || p.estimates === 'true' }));
export type TBreakdownParams = z.output<typeof ZBreakdownParams>;

export const ZTrendParams = z.object({
  model: modelId('model'),
  interval: z.enum(TREND_INTERVALS, { message: `interval is one of ${TREND_INTERVALS.join(', ')}` }).default('day'),
});
export type TTrendParams = z.output<typeof ZTrendParams>;

export const ZCrossTabParams = z.object({
  rows: ZDimensionString,
  cols: ZDimensionString,
});
export type TCrossTabParams = z.output<typeof ZCrossTabParams>;

/** The named single-valued params of a query string (empty values count as absent), ready for a zod schema. */
export function pickParams(sp: URLSearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = sp.get(k);
    if (v !== null && v !== '') out[k] = v;
  }
  return out;
}

export const parseBreakdownParams = (sp: URLSearchParams): TBreakdownParams => ZBreakdownParams.parse(pickParams(sp, ['model', 'dimension', 'estimates']));
export const parseTrendParams = (sp: URLSearchParams): TTrendParams => ZTrendParams.parse(pickParams(sp, ['model', 'interval']));
export const parseCrossTabParams = (sp: URLSearchParams): TCrossTabParams => ZCrossTabParams.parse(pickParams(sp, ['rows', 'cols']));
