'use client';

import { useIsFetching } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useTransition, type ReactNode } from 'react';
import './pending.css';

/**
 * What a click on the overview is waiting for: `'filters'` (a filter, a chip,
 * a date range: every figure follows) or one card's key (a chart click that
 * opens the drill-down, or a card's own choice: the trend's model or
 * interval, the cross-tab's axes).
 */
export type PendingScope = 'filters' | `card:${string}`;

/** How long an answer may take before the pending state shows: a fast one never flashes it. */
export const SHOW_PENDING_AFTER_MS = 150;

interface PendingContext {
  /** the scope of the navigation in flight, null when none */
  scope: PendingScope | null;
  /** runs a navigation (router.push and its optimistic updates) as a transition tagged with `scope` */
  start: (scope: PendingScope, navigate: () => void) => void;
}

const Pending = createContext<PendingContext | null>(null);

/**
 * The overview's clicks all navigate (the filters and the chart choices live
 * in the URL): each runs in this one transition, so that every card can tell
 * whether it is waiting, whichever component was clicked. Shows a thin bar at
 * the top of the window while anything the overview asked for is on its way.
 */
export function OverviewPendingProvider({ children }: { children: ReactNode }) {
  const [isPending, startTransition] = useTransition();
  const [scope, setScope] = useState<PendingScope | null>(null);
  const start = useCallback((s: PendingScope, navigate: () => void) => {
    setScope(s);
    startTransition(navigate);
  }, []);
  const value = useMemo(() => ({ scope: isPending ? scope : null, start }), [isPending, scope, start]);
  return (
    <Pending.Provider value={value}>
      {children}
      <PendingBar navigating={isPending} />
    </Pending.Provider>
  );
}

/**
 * A transition for a navigation: the overview's shared one inside
 * OverviewPendingProvider (so the cards see it), else one of the caller's own
 * (the drill-down page uses the same filter hooks).
 */
export function useNavigationTransition(): (scope: PendingScope, navigate: () => void) => void {
  const shared = useContext(Pending);
  const [, startLocal] = useTransition();
  const sharedStart = shared?.start;
  return useCallback((scope: PendingScope, navigate: () => void) => (sharedStart ? sharedStart(scope, navigate) : startLocal(navigate)), [sharedStart]);
}

/** `flag`, once it has stayed true for `ms`; false again as soon as it is. */
export function useShownAfter(flag: boolean, ms = SHOW_PENDING_AFTER_MS): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) {
      setShown(false);
      return;
    }
    const t = setTimeout(() => setShown(true), ms);
    return () => clearTimeout(t);
  }, [flag, ms]);
  return flag && shown;
}

/**
 * A card's pending state: a click it is waiting for (a navigation of its own
 * scope, or of the filters), or the figures of new filters on their way
 * while the old ones stay on screen (`waiting`: react-query's
 * isPlaceholderData). `busy` is for aria-busy, at once; `shown` dims the card
 * and runs its bar, after SHOW_PENDING_AFTER_MS. Spread `pendingProps` on the
 * card's element.
 */
export function useCardPending(card: `card:${string}` | null, waiting: boolean, fetching = false) {
  const scope = useContext(Pending)?.scope ?? null;
  const clicked = scope === 'filters' || (card !== null && scope === card);
  const busy = clicked || waiting;
  const shown = useShownAfter(busy);
  return { busy, shown, pendingProps: { 'aria-busy': busy || fetching, 'data-pending': shown || undefined } };
}

/** Queries the overview waits for: a new key being fetched (its first answer), not the estimates (they have a note of their own). */
const isAwaited = (q: { queryKey: readonly unknown[]; state: { status: string } }) => q.state.status === 'pending' && q.queryKey[0] !== 'breakdown-estimates';

/** The thin bar at the top of the window: a navigation in flight, or figures of new filters on their way. */
function PendingBar({ navigating }: { navigating: boolean }) {
  const fetching = useIsFetching({ predicate: isAwaited }) > 0;
  const shown = useShownAfter(navigating || fetching);
  if (!shown) return null;
  return <div className="pending-bar" role="progressbar" aria-label="Loading the overview" data-testid="pending-bar" />;
}
