#!/usr/bin/env node
// `npx callsight <command>`: runs lib/cli/main.ts through tsx. The
// react-server condition lets server-only modules load outside Next.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx');
const r = spawnSync(
  process.execPath,
  ['--conditions=react-server', '--import', tsx, join(root, 'lib/cli/main.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'), NEXT_TELEMETRY_DISABLED: '1' } },
);
process.exit(r.status ?? 1);
