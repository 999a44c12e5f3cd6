'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchStudio, isWorking, studioKeys, type TModelStudio } from './api';

/** True while a version trains or a reclassification runs: the page then polls every second. */
export function studioBusy(s: TModelStudio | undefined): boolean {
  return !!s && (s.versions.some((v) => isWorking(v.status)) || s.reclassifyJobs.some((j) => isWorking(j.status)));
}

/** The model's studio data, shared by every panel of its pages; polled while something is being worked on. */
export function useStudio(modelId: number, initialData?: TModelStudio) {
  return useQuery({
    queryKey: studioKeys.model(modelId),
    queryFn: () => fetchStudio(modelId),
    ...(initialData ? { initialData, initialDataUpdatedAt: Date.now() } : {}),
    staleTime: 0,
    refetchInterval: (q) => (studioBusy(q.state.data) ? 1000 : false),
  });
}
