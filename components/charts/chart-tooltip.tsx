import type { ReactNode } from 'react';

/** The datum a Recharts tooltip points at, by its index into our own data (no trust in Recharts' untyped payload). */
export function activeDatum<T>(data: readonly T[], active: boolean, activeIndex: string | number | null | undefined): T | undefined {
  if (!active || activeIndex === null || activeIndex === undefined) return undefined;
  const i = Number(activeIndex);
  return Number.isInteger(i) ? data[i] : undefined;
}

export function TooltipBox({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{title}</div>
      {children}
    </div>
  );
}
