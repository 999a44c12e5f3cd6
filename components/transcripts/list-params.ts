import { ZTranscriptListParams, type TTranscriptListParams } from '@/lib/schemas/transcript-list';
import { pickParams } from '@/lib/schemas/analytics-params';

export const DEFAULT_LIST: TTranscriptListParams = ZTranscriptListParams.parse({});

/** The drill-down's paging and sorting from the URL; a bad value falls back to its default, like the filters. */
export function safeParseListParams(sp: URLSearchParams): TTranscriptListParams {
  const r = ZTranscriptListParams.safeParse(pickParams(sp, ['page', 'size', 'sort', 'model', 'dir']));
  return r.success ? r.data : DEFAULT_LIST;
}

/** Appends the non-default list params to a filter query string. */
export function listSearchParams(filterQuery: string, p: TTranscriptListParams): URLSearchParams {
  const sp = new URLSearchParams(filterQuery);
  if (p.page !== DEFAULT_LIST.page) sp.set('page', String(p.page));
  if (p.size !== DEFAULT_LIST.size) sp.set('size', String(p.size));
  if (p.sort !== DEFAULT_LIST.sort) sp.set('sort', p.sort);
  if (p.sort === 'score' && p.model !== undefined) sp.set('model', String(p.model));
  if (p.dir !== DEFAULT_LIST.dir) sp.set('dir', p.dir);
  return sp;
}
