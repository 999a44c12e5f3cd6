import { expect, request, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';
import { apiKey, baseURL, storageStateFile, type TE2eRole } from '../fixtures';
import type { TSegmentIds } from './app-routes';

export const bearer = (key = apiKey()) => ({ Authorization: `Bearer ${key}` });

/**
 * An HTTP client signed in as the role's person (its stored session cookie),
 * sending our own Origin, as the dashboard's pages do.
 */
export function asRole(role: TE2eRole): Promise<APIRequestContext> {
  return request.newContext({ baseURL: baseURL(), storageState: storageStateFile(role), extraHTTPHeaders: { Origin: baseURL() } });
}

/** Existing ids for the app's dynamic segments: model 42, its newest version, a stored transcript. */
export async function existingIds(client: APIRequestContext): Promise<TSegmentIds> {
  const list = await client.get('/v2/transcripts?range=all&size=10', { headers: bearer() });
  expect(list.status()).toBe(200);
  const transcript = (await list.json()).transcripts[0]?.id;
  expect(typeof transcript).toBe('number');
  const versions = await client.get('/v2/models/42/versions', { headers: bearer() });
  expect(versions.status()).toBe(200);
  const version = (await versions.json()).versions[0]?.id ?? 1;
  return { model: '42', transcript: String(transcript), version: String(version) };
}

/**
 * The answer is the API's error JSON and nothing else: no transcripts, rows
 * or other data riding along with the refusal.
 */
export async function expectErrorJson(res: APIResponse, status: number, code?: string): Promise<{ code: string; message: string; details: { path: string; message: string }[] }> {
  const where = new URL(res.url()).pathname;
  expect(res.status(), where).toBe(status);
  expect(res.headers()['content-type'], where).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string; details: { path: string; message: string }[] } };
  expect(Object.keys(body).sort(), where).toEqual(['error', 'request_id']);
  expect(Object.keys(body.error).sort(), where).toEqual(['code', 'details', 'message']);
  if (code) expect(body.error.code, where).toBe(code);
  expect(body.error.message.length, where).toBeGreaterThan(0);
  return body.error;
}

/** The sign-in page's e-mail and password form (the page may also offer single sign-on). */
export const signInForm = (page: Page) => page.locator('form').filter({ has: page.getByLabel('Password') });

/** Fills and sends the sign-in form. */
export async function submitSignIn(page: Page, email: string, password: string) {
  const form = signInForm(page);
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export const SESSION_COOKIE = /^(__Secure-)?callsight\.session_token$/;
