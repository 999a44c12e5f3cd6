// Formatting at render time: the data layer hands over raw numbers and ISO days.
// Fixed locale and UTC, so the server render and the browser agree.

const int = new Intl.NumberFormat('en');
const dayLong = new Intl.DateTimeFormat('en', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
const dayShort = new Intl.DateTimeFormat('en', { timeZone: 'UTC', month: 'short', day: 'numeric' });
const dateTime = new Intl.DateTimeFormat('en', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const asDate = (day: string) => new Date(day.length === 10 ? `${day}T00:00:00Z` : day);

export const fmtInt = (n: number) => int.format(n);
/** A share (0–1) as a percentage: 0.3456 → "34.6 %". */
export const fmtShare = (x: number | null | undefined, digits = 1) => (x == null || Number.isNaN(x) ? '–' : `${(100 * x).toFixed(digits)}\u00a0%`);
/** A classifier score (0–1), the way the transcript pages show it. */
export const fmtScore = (x: number) => `${Math.round(100 * x)}\u00a0%`;
export const fmtDay = (day: string) => dayLong.format(asDate(day));
export const fmtDayShort = (day: string) => dayShort.format(asDate(day));
/** "Nov 3, 2026, 14:05 UTC" */
export const fmtDateTime = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;

export function fmtRange(from: string | null, to: string | null): string {
  if (from && to) {
    if (from === to) return fmtDay(from);
    return from.slice(0, 4) === to.slice(0, 4) ? `${fmtDayShort(from)} – ${fmtDay(to)}` : `${fmtDay(from)} – ${fmtDay(to)}`;
  }
  if (from) return `from ${fmtDay(from)}`;
  if (to) return `until ${fmtDay(to)}`;
  return 'all time';
}

export const share = (n: number, total: number) => (total > 0 ? n / total : 0);
