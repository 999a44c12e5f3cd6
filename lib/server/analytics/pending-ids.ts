import type { IdRange } from './index-reader';

/**
 * Ids below the index's watermark that were not visible when it moved past
 * them (PostgreSQL only; see "pending ids" in fact-index.ts).
 */
export interface PendingRange extends IdRange {
  /** when the ids were first found missing (epoch ms) */
  seenAt: number;
  /**
   * xid8 (as text, for JSON) of the first transaction id not yet handed out
   * in a read taken at least SETTLE after `seenAt`; null until then. Once
   * every transaction below it has ended and the ids are still not
   * visible, they never will be.
   */
  horizon: string | null;
}

/**
 * The ids of lo…hi that are not in `found` (ascending, all within lo…hi), as
 * ranges.
 */
export function missingRanges(lo: number, hi: number, found: ArrayLike<number>, seenAt: number): PendingRange[] {
  const out: PendingRange[] = [];
  let next = lo;
  for (let i = 0; i < found.length; i++) {
    const id = found[i]!;
    if (id > next) out.push({ lo: next, hi: id - 1, seenAt, horizon: null });
    next = Math.max(next, id + 1);
  }
  if (next <= hi) out.push({ lo: next, hi, seenAt, horizon: null });
  return out;
}

/** `pending` without the ids in `found` (ascending), ranges split around them. */
export function withoutFound(pending: readonly PendingRange[], found: ArrayLike<number>): PendingRange[] {
  if (!found.length) return [...pending];
  const out: PendingRange[] = [];
  let i = 0;
  for (const r of pending) {
    while (i < found.length && found[i]! < r.lo) i++;
    const start = i;
    while (i < found.length && found[i]! <= r.hi) i++;
    if (start === i) out.push(r);
    else out.push(...missingRanges(r.lo, r.hi, Array.prototype.slice.call(found, start, i) as number[], r.seenAt).map((m) => ({ ...m, horizon: r.horizon })));
  }
  return out;
}

/**
 * Drops the ranges whose fate is decided, as of a read with snapshot
 * xmin/xmax taken at `now`: a range gets its horizon (the read's xmax) once
 * it has been missing for `settleMs`, and is dropped when the read's xmin
 * has passed that horizon, i.e. every transaction that could hold one of
 * its ids has ended without making it visible (rolled back, a conflicting
 * insert, or deleted).
 */
export function settle(pending: readonly PendingRange[], now: number, xmin: bigint, xmax: bigint, settleMs: number): PendingRange[] {
  const out: PendingRange[] = [];
  for (const r of pending) {
    const horizon = r.horizon ?? (now - r.seenAt >= settleMs ? xmax.toString() : null);
    if (horizon !== null && xmin >= BigInt(horizon)) continue;
    out.push(horizon === r.horizon ? r : { ...r, horizon });
  }
  return out;
}

/** Adjacent ranges with the same bookkeeping merged, so a long run of settled gaps stays one entry. */
export function compact(pending: readonly PendingRange[]): PendingRange[] {
  const out: PendingRange[] = [];
  for (const r of pending) {
    const last = out[out.length - 1];
    if (last && last.hi + 1 === r.lo && last.horizon === r.horizon && last.seenAt === r.seenAt) out[out.length - 1] = { ...last, hi: r.hi };
    else out.push(r);
  }
  return out;
}
