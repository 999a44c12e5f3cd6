import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { keyFile } from './fixtures';

/**
 * Creates an API key for the suite through the real CLI, against the same
 * database the server uses, and hands it to the specs in a file.
 */
export default function globalSetup() {
  const databaseUrl = process.env.E2E_DATABASE_URL ?? 'file:./data/e2e.db';
  const out = execFileSync(process.execPath, ['bin/callsight.mjs', 'keys', 'create', '--name', 'e2e'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  const key = out.trim().split('\n').pop() ?? '';
  if (!/^cs_/.test(key)) throw new Error(`keys create printed no key: ${out}`);
  mkdirSync('data', { recursive: true });
  writeFileSync(keyFile(), key, { mode: 0o600 });
}
