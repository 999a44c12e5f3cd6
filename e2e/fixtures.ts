import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The suite's port and the server's address: one suite per port, so two can run side by side. */
export const e2ePort = () => Number(process.env.E2E_PORT ?? 3100);
export const baseURL = () => `http://127.0.0.1:${e2ePort()}`;
export const e2eDatabaseUrl = () => process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db';

/** Where global-setup leaves the suite's API key: one file per port, so two suites can run side by side. */
export const keyFile = () => `data/e2e-key-${e2ePort()}.txt`;

export function apiKey(): string {
  return readFileSync(keyFile(), 'utf8').trim();
}

/** One signed-in person per role, created by global-setup through the CLI. */
export const E2E_ROLES = ['admin', 'analyst', 'labeler', 'viewer'] as const;
export type TE2eRole = (typeof E2E_ROLES)[number];

/** The password of every person the suite creates (the CLI wants at least 10 characters). */
export const E2E_PASSWORD = 'e2e-Callsight-password-1';

export const emailOf = (role: TE2eRole) => `e2e-${role}@callsight.test`;

/** A Playwright storageState file holding the role's session cookie; per port, like the key file. */
export const storageStateFile = (role: TE2eRole) => `data/e2e-state-${e2ePort()}-${role}.json`;

/** Runs the real CLI against the suite's database; answers its stdout. Throws with stderr when it fails. */
export function callsight(args: string[], input?: string): string {
  return execFileSync(process.execPath, ['bin/callsight.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() },
    encoding: 'utf8',
    input: input ?? '',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** A new API key (through the CLI), with only these scopes when given. */
export function createKey(name: string, scopes?: readonly string[]): string {
  const out = callsight(['keys', 'create', '--name', name, ...(scopes ? ['--scopes', scopes.join(',')] : [])]);
  const key = out.trim().split('\n').pop() ?? '';
  if (!/^cs_/.test(key)) throw new Error(`keys create printed no key: ${out}`);
  return key;
}

/**
 * Creates a person with a password through the CLI; a person already there
 * (from an earlier run on the same database) is fine. Answers whether it was new.
 */
export function ensureUser(email: string, role: TE2eRole, password = E2E_PASSWORD): boolean {
  try {
    callsight(['users', 'create', '--email', email, '--role', role, '--password-stdin'], `${password}\n`);
    return true;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    if (/already/i.test(stderr)) return false;
    throw new Error(`users create --email ${email} --role ${role} failed: ${stderr || String(error)}`);
  }
}

/**
 * Better-auth limits sign-ins per client address (10 a minute), and the suite
 * signs in far more often than a person does, all from 127.0.0.1. The server
 * takes the address from X-Forwarded-For, so each sign-in of the suite says it
 * comes from a random private address and no two share a bucket.
 */
export function clientAddress(): string {
  const octet = () => 1 + Math.floor(Math.random() * 254);
  return `10.${octet()}.${octet()}.${octet()}`;
}

/** The example request of ../shared/spec/inference-api.md, verbatim. */
export const SPEC_EXAMPLE = {
  texts: [
    "Hi, I'm calling about my mobile broadband. I was charged 349 kr this month but my plan is supposed to be 199 kr. This has happened two months in a row and I'm really frustrated. I've been a customer for six years and I'm starting to think about switching.",
  ],
  model_settings: [
    { model_id: 42, max_predictions: 1 },
    { model_id: 87, max_predictions: 2 },
    { model_id: 156, max_predictions: 3 },
    { model_id: 201, label_filter: ['Frustrated', 'Angry', 'Neutral', 'Satisfied'] },
  ],
};
