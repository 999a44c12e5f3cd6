// Times on Settings, in UTC with a fixed locale so the server render and the browser agree.

const dateTime = new Intl.DateTimeFormat('en', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Nov 3, 2026, 14:05 UTC", or the fallback for no time at all. */
export const fmtWhen = (iso: string | null, never = 'never') => (iso ? `${dateTime.format(new Date(iso))} UTC` : never);

/** "2026-11-03 14:05:09": the audit log's column, sortable by eye. */
export const fmtStamp = (iso: string) => iso.replace('T', ' ').slice(0, 19);

/** A server or network error as a sentence to show. */
export const messageOf = (e: unknown) => (e instanceof Error ? e.message : 'Something went wrong. Try again.');
