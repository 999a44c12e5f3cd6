'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi, jsonRequest } from '@/components/api/call-api';
import type { TApiView, TCreateView, TUpdateView } from '@/lib/schemas/saved-views';

// Saved views over /v2/views: shared in the workspace, each renamed or
// deleted by the person who saved it (or an admin).

export const VIEWS_QUERY_KEY = ['views'] as const;

export const useViews = () => useQuery({ queryKey: VIEWS_QUERY_KEY, queryFn: () => callApi<{ views: TApiView[] }>('/v2/views'), staleTime: 30_000 });

function useInvalidateViews() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: VIEWS_QUERY_KEY });
}

export function useCreateView() {
  const invalidate = useInvalidateViews();
  return useMutation({
    mutationFn: (body: TCreateView) => callApi<TApiView>('/v2/views', jsonRequest('POST', body)),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateView() {
  const invalidate = useInvalidateViews();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: TUpdateView }) => callApi<TApiView>(`/v2/views/${encodeURIComponent(id)}`, jsonRequest('PATCH', patch)),
    onSuccess: () => invalidate(),
  });
}

/** `DELETE` answers 204 with no body, which callApi reads as null. */
export function useDeleteView() {
  const invalidate = useInvalidateViews();
  return useMutation({
    mutationFn: (id: string) => callApi<null>(`/v2/views/${encodeURIComponent(id)}`, jsonRequest('DELETE')),
    onSuccess: () => invalidate(),
  });
}
