import { daysBetween } from '@/lib/schemas/dashboard-filters';
import type { TrendInterval } from '@/lib/server/analytics/types';

/** Day bars while a range fits on screen, weeks beyond. */
export function defaultInterval(from: string | null, to: string | null): TrendInterval {
  if (!from || !to) return 'week';
  return daysBetween(from, to) <= 45 ? 'day' : 'week';
}
