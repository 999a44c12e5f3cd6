import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { env, isPostgresUrl } from './env';
import { PrismaClient } from './generated/prisma/client';

export type Db = PrismaClient;

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return resolve(path);
}

export function createDb(url: string = env.DATABASE_URL): Db {
  if (isPostgresUrl(url)) {
    throw new Error('PostgreSQL support is not built yet: set DATABASE_URL to file:PATH (SQLite).');
  }
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  // better-sqlite3's `timeout` is SQLite's busy timeout: a writer waits for a
  // lock held by another process instead of failing at once.
  const adapter = new PrismaBetterSqlite3({ url: `file:${path}`, timeout: 10_000 });
  const client = new PrismaClient({ adapter });
  urls.set(client, url);
  return client;
}

const urls = new WeakMap<Db, string>();

/** The DATABASE_URL a client was created with (code that opens its own driver connection needs it). */
export function databaseUrlOf(client: Db): string {
  return urls.get(client) ?? env.DATABASE_URL;
}

const globalForDb = globalThis as unknown as { callsightDb?: Db };

/** One client per process; kept on globalThis so dev-server reloads reuse it. */
export const db: Db = globalForDb.callsightDb ?? createDb();
if (process.env.NODE_ENV !== 'production') globalForDb.callsightDb = db;
