import { z } from 'zod';
import { fromZodError } from '@/lib/errors';
import type { Breakdown } from '@/lib/server/analytics/types';
import { parseDashboardFilters, type TDashboardFilters } from './dashboard-filters';

// GET /v2/analytics/breakdown: one model's labels over the transcripts the
// dashboard's filters select, each with its count, its share of the counted
// predictions (classify and count) and the estimated true share with a 90 %
// interval, the uncertain and out-of-scope predictions apart.

const ZModelIdParam = z.coerce
  .number({ message: 'model_id is a model id (a positive integer)' })
  .int('model_id is a model id (a positive integer)')
  .positive('model_id is a model id (a positive integer)')
  .max(2_147_483_647, 'model_id is a model id (a positive integer)');

export function parseAnalyticsBreakdownQuery(sp: URLSearchParams): { modelId: number; filters: TDashboardFilters } {
  const issues: z.core.$ZodIssue[] = [];
  const raw = sp.get('model_id');
  const id = ZModelIdParam.safeParse(raw === null || raw === '' ? undefined : raw);
  if (!id.success) issues.push(...id.error.issues.map((i) => ({ ...i, path: ['model_id'], message: raw === null || raw === '' ? 'model_id is required' : i.message })));
  let filters: TDashboardFilters | undefined;
  try {
    filters = parseDashboardFilters(sp);
  } catch (e) {
    if (!(e instanceof z.ZodError)) throw e;
    issues.push(...e.issues);
  }
  if (issues.length || !id.success || !filters) throw fromZodError(new z.ZodError(issues), 'query parameters');
  return { modelId: id.data, filters };
}

export const ZApiAnalyticsBreakdown = z.object({
  model_id: z.number().int(),
  model_name: z.string(),
  /** transcripts in the selection with a prediction of the model */
  n: z.number().int(),
  /** of them, below the threshold in force: not counted under a label */
  uncertain: z.number().int(),
  /** of them, unlike the model's training data: not counted under a label */
  out_of_scope: z.number().int(),
  /** the threshold in force: the query's min, else the model's own */
  threshold: z.number(),
  labels: z.array(
    z.object({
      label: z.string(),
      /** transcripts counted under the label */
      count: z.number().int(),
      /** count over the counted predictions (classify and count); null when none counts */
      share: z.number().nullable(),
      /** the estimated true share among the in-scope transcripts (uncertain ones included), corrected with the model's held-out behaviour; null without an estimate */
      estimated_share: z.number().nullable(),
      /** 90 % interval of the estimated share; null without an estimate */
      interval: z.tuple([z.number(), z.number()]).nullable(),
    }),
  ),
  /** how the estimates were made; null when the model has no held-out predictions (trained before versions kept them) or nothing is in scope */
  estimator: z.object({ method: z.string(), description: z.string(), level: z.number(), evaluation_size: z.number().int(), in_scope: z.number().int(), sampled: z.number().int() }).nullable(),
  /** the model's accuracy, what it was measured on, how many examples, when */
  evaluation: z.object({ accuracy: z.number().nullable(), macro_f1: z.number().nullable(), n: z.number().int(), source: z.string(), evaluated_at: z.string().nullable() }).nullable(),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  request_id: z.string(),
});
export type TApiAnalyticsBreakdown = z.infer<typeof ZApiAnalyticsBreakdown>;

export function toApiAnalyticsBreakdown(b: Breakdown, filters: TDashboardFilters, requestId: string): TApiAnalyticsBreakdown {
  const counted = b.total - b.uncertain - b.outOfScope;
  const estimates = new Map((b.estimates?.labels ?? []).map((l) => [l.label, l]));
  const e = b.estimates ?? null;
  const h = b.evaluation ?? null;
  return {
    model_id: b.modelId ?? 0,
    model_name: b.name,
    n: b.total,
    uncertain: b.uncertain,
    out_of_scope: b.outOfScope,
    threshold: b.threshold ?? 0,
    labels: b.labels.map((l) => {
      const est = estimates.get(l.label);
      return { label: l.label, count: l.count, share: counted ? l.count / counted : null, estimated_share: est?.estimate ?? null, interval: est ? est.interval : null };
    }),
    estimator: e ? { method: e.method, description: e.description, level: e.level, evaluation_size: e.evaluationSize, in_scope: e.inScope, sampled: e.sampled } : null,
    evaluation: h ? { accuracy: h.accuracy, macro_f1: h.macroF1, n: h.n, source: h.source, evaluated_at: h.evaluatedAt } : null,
    period: { from: filters.from, to: filters.to },
    request_id: requestId,
  };
}
