'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BreakdownEstimates } from '@/lib/server/analytics/estimate-shares';
import type { ScopeSummary } from '@/lib/server/analytics/get-scope';
import type { TrendInterval, Breakdown, CrossTab, FilterOptions, Kpis, Trend, TranscriptPage } from '@/lib/server/analytics/types';

/** GET /api/analytics/scope: per model, how many of the filtered transcripts look unlike its training data. */
export interface ScopeAnswer {
  /** the share from which a model warns */
  warnAt: number;
  models: ScopeSummary[];
}

/** An error answer of the dashboard's own routes: `{"error":{"message"}}` as lib/errors.ts writes it. */
export class ApiFetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFetchError';
  }
}

function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const err = body.error;
    if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  }
  return `The server answered HTTP ${status}.`;
}

/** Our own routes answer the types of lib/server/analytics/types.ts; the one place that trusts that. */
async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiFetchError(res.status, messageOf(body, res.status));
  return body as T;
}

const withQuery = (path: string, query: string, extra: Record<string, string | number> = {}) => {
  const sp = new URLSearchParams(query);
  for (const [k, v] of Object.entries(extra)) sp.set(k, String(v));
  const s = sp.toString();
  return s ? `${path}?${s}` : path;
};

// Query keys carry the canonical filter string, so two URLs that mean the same
// filters share a cache entry; keepPreviousData keeps the old chart on screen
// while the new one loads.

export const useFilterOptions = () =>
  useQuery({ queryKey: ['filter-options'], queryFn: ({ signal }) => getJson<FilterOptions>('/api/analytics/filter-options', signal), staleTime: 5 * 60_000 });

export const useKpis = (query: string) =>
  useQuery({ queryKey: ['kpis', query], queryFn: ({ signal }) => getJson<Kpis>(withQuery('/api/analytics/kpis', query), signal), placeholderData: keepPreviousData });

/** A dimension's values: "42" (a model), "meta.flow" (a metadata key), "channel" (a field). */
export const useBreakdown = (query: string, dimension: string) =>
  useQuery({
    queryKey: ['breakdown', dimension, query],
    queryFn: ({ signal }) => getJson<Breakdown>(withQuery('/api/analytics/breakdown', query, { dimension }), signal),
    placeholderData: keepPreviousData,
  });

const estimatesOf = (b: Breakdown): BreakdownEstimates | null => b.estimates ?? null;

/**
 * A model's estimated true shares with their 90 % intervals (the same route with `estimates=1`): null
 * when the model has no held-out predictions or nothing is in scope. Costly on the server (up to 5,000
 * score vectors and 200 bootstrap rounds), so a card asks for it only once its counts are on screen
 * (`enabled`), and keeps no previous answer: an estimate of other filters beside new counts would mislead.
 */
export const useBreakdownEstimates = (query: string, dimension: string, enabled: boolean) =>
  useQuery({
    queryKey: ['breakdown-estimates', dimension, query],
    queryFn: ({ signal }) => getJson<Breakdown>(withQuery('/api/analytics/breakdown', query, { dimension, estimates: 1 }), signal),
    select: estimatesOf,
    enabled,
    staleTime: 5 * 60_000,
    retry: 1,
  });

export const useTrend = (query: string, modelId: number, interval: TrendInterval) =>
  useQuery({
    queryKey: ['trend', modelId, interval, query],
    queryFn: ({ signal }) => getJson<Trend>(withQuery('/api/analytics/trend', query, { model: modelId, interval }), signal),
    placeholderData: keepPreviousData,
  });

/** `rows` and `cols` are dimension strings, like a breakdown's. */
export const useCrossTab = (query: string, rows: string, cols: string) =>
  useQuery({
    queryKey: ['cross-tab', rows, cols, query],
    queryFn: ({ signal }) => getJson<CrossTab>(withQuery('/api/analytics/cross-tab', query, { rows, cols }), signal),
    placeholderData: keepPreviousData,
  });

/** The out-of-scope summary of the filtered transcripts (the overview's banner; the breakdown cards read its `warnAt`). */
export const useScope = (query: string) =>
  useQuery({ queryKey: ['scope', query], queryFn: ({ signal }) => getJson<ScopeAnswer>(withQuery('/api/analytics/scope', query), signal), placeholderData: keepPreviousData });

/** `listQuery` is the canonical filter string plus page, size, sort, model and dir. */
export const useTranscriptPage = (listQuery: string) =>
  useQuery({ queryKey: ['transcripts', listQuery], queryFn: ({ signal }) => getJson<TranscriptPage>(withQuery('/api/transcripts', listQuery), signal), placeholderData: keepPreviousData });
