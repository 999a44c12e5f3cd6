'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, jsonRequest } from '@/components/api/call-api';
import type { TDashboardLayout } from '@/lib/schemas/dashboard-layout';

/** `GET /v2/dashboard`: the workspace's overview layout. */
export interface DashboardLayoutAnswer {
  layout: TDashboardLayout;
  updated_at: string | null;
  updated_by: string | null;
}

export const LAYOUT_QUERY_KEY = ['dashboard-layout'] as const;

const fetchLayout = () => callApi<DashboardLayoutAnswer>('/v2/dashboard');

/** The workspace's layout (which cards, filters and columns); every dashboard component reads it from here. */
export const useDashboardLayout = () => useQuery({ queryKey: LAYOUT_QUERY_KEY, queryFn: fetchLayout, staleTime: 60_000 });

/**
 * `PUT /v2/dashboard` (admins): replaces the whole layout. On success the
 * cached layout is the answer, and the KPI figures (computed from the stored
 * layout) are fetched again. A 400 throws an ApiCallError whose `details`
 * name the fields (`breakdowns[2].dimension`).
 */
export function useSaveLayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (layout: TDashboardLayout) => callApi<DashboardLayoutAnswer>('/v2/dashboard', jsonRequest('PUT', layout)),
    onSuccess: async (answer) => {
      queryClient.setQueryData(LAYOUT_QUERY_KEY, answer);
      await Promise.all([queryClient.invalidateQueries({ queryKey: LAYOUT_QUERY_KEY }), queryClient.invalidateQueries({ queryKey: ['kpis'] })]);
    },
  });
}

/** The freshest stored layout (for an edit that appends to it, like "Add to overview" on a model page). */
export function useFreshLayout() {
  const queryClient = useQueryClient();
  return () => queryClient.fetchQuery({ queryKey: LAYOUT_QUERY_KEY, queryFn: fetchLayout, staleTime: 0 });
}
