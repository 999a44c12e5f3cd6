// Formatting for the studio's metrics (raw 0–1 numbers from the data layer).

/** A metric as the studio shows it: 0.9134 → "0.913". */
export const fmtMetric = (x: number | null | undefined) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(3));
/** A difference between two metrics, signed: "+0.021", "−0.004". */
export function fmtDelta(x: number): string {
  if (Math.abs(x) < 0.0005) return '±0.000';
  return `${x > 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;
}
export const fmtPct = (x: number) => `${Math.round(100 * x)}\u00a0%`;
export function fmtSeconds(s: number | null): string {
  if (s == null) return '–';
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
