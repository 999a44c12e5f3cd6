import { z } from 'zod';
import { TRANSCRIPT_SORTS } from '@/lib/server/analytics/types';

export const PAGE_SIZES = [10, 25, 50, 100, 200] as const;

/** Drill-down paging and sorting, next to the dashboard filters in the URL: `?page=2&size=50&sort=score&model=201&dir=asc`. */
export const ZTranscriptListParams = z.object({
  page: z.coerce.number({ message: 'page is a whole number from 1' }).int('page is a whole number from 1').min(1, 'page is a whole number from 1').max(1_000_000).default(1),
  size: z.coerce
    .number()
    .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n), `size is one of ${PAGE_SIZES.join(', ')}`)
    .default(25),
  sort: z.enum(TRANSCRIPT_SORTS, { message: `sort is one of ${TRANSCRIPT_SORTS.join(', ')}` }).default('time'),
  /** the model whose score `sort=score` orders by */
  model: z.coerce.number().int().positive().optional(),
  dir: z.enum(['asc', 'desc'], { message: 'dir is asc or desc' }).default('desc'),
});
export type TTranscriptListParams = z.output<typeof ZTranscriptListParams>;

export function parseTranscriptListParams(sp: URLSearchParams): TTranscriptListParams {
  const raw: Record<string, string> = {};
  for (const k of ['page', 'size', 'sort', 'model', 'dir']) {
    const v = sp.get(k);
    if (v !== null && v !== '') raw[k] = v;
  }
  return ZTranscriptListParams.parse(raw);
}
