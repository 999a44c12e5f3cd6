import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every test file gets its own real SQLite database in a temporary folder,
// set before any module reads the environment.
const dir = mkdtempSync(join(tmpdir(), 'callsight-test-'));
process.env.DATABASE_URL = `file:${join(dir, 'test.db')}`;
