// The dashboard's one way to call its own routes: JSON in and out, and an
// error answer turned into an ApiCallError whose message says what to fix.

/** An error answer of the API, with the field paths it names. */
export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

export async function callApi<T>(url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { cache: 'no-store', ...init });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = isRecord(body) && isRecord(body.error) ? body.error : {};
    const message = typeof error.message === 'string' ? error.message : `The server answered ${res.status}.`;
    const details = Array.isArray(error.details)
      ? error.details.flatMap((d) => (isRecord(d) && typeof d.path === 'string' && typeof d.message === 'string' ? [{ path: d.path, message: d.message }] : []))
      : [];
    throw new ApiCallError(message, res.status, details);
  }
  return body as T;
}

/** A JSON request (state changes from the browser must say application/json). */
export const jsonRequest = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', body: unknown = {}): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
