import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { PrismaPg } from '@prisma/adapter-pg';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ClientConfig } from 'pg';
import { env, isPostgresUrl } from './env';
import { PrismaClient } from './generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from './generated/prisma-pg/client';

/**
 * The database client, whichever database DATABASE_URL names. Typed as the
 * SQLite client: see createDb for why the PostgreSQL client fits it.
 */
export type Db = PrismaClient;

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function sqlitePath(url: string): string {
  const path = url.replace(/^file:/, '').replace(/\?.*$/, '');
  return resolve(path);
}

/**
 * The `pg` connection settings for a postgres(ql):// URL. Prisma's `?schema=`
 * parameter (which `pg` would ignore) becomes the session's search_path, so
 * Prisma's queries, our migrations and raw SQL all find the same tables.
 */
export function postgresConfig(url: string): ClientConfig & { schema?: string } {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  if (schema === undefined) return { connectionString: url };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
    throw new Error(`DATABASE_URL: schema "${schema}" must be letters, digits and underscores (not starting with a digit).`);
  }
  u.searchParams.delete('schema');
  return { connectionString: u.toString(), options: `-c search_path=${schema}`, schema };
}

export function createDb(url: string = env.DATABASE_URL): Db {
  const client = isPostgresUrl(url) ? createPostgresClient(url) : createSqliteClient(url);
  urls.set(client, url);
  return client;
}

/**
 * Interactive transactions on SQLite start with BEGIN IMMEDIATE instead of the
 * adapter's plain BEGIN. A deferred transaction that reads and then writes
 * fails at once with SQLITE_BUSY_SNAPSHOT when another process (a worker)
 * committed in between: the busy timeout does not apply to upgrading a stale
 * read snapshot. Taking the write lock first makes it wait its turn instead
 * (lib/db.test.ts). SQLite has one writer at a time anyway; only reads outside
 * transactions run beside it.
 */
function immediateTransactions(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // The adapter keeps its better-sqlite3 connection as `client` and begins transactions with prepare('BEGIN').
    const client = (adapter as unknown as { client?: { prepare: (sql: string) => unknown } }).client;
    if (!client || typeof client.prepare !== 'function') throw new Error('@prisma/adapter-better-sqlite3 changed: its connection is no longer `client`; see immediateTransactions in lib/db.ts');
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql);
    return adapter;
  };
  return factory;
}

function createSqliteClient(url: string): Db {
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  // better-sqlite3's `timeout` is SQLite's busy timeout: a writer waits for a
  // lock held by another process instead of failing at once.
  const adapter = new PrismaBetterSqlite3({ url: `file:${path}`, timeout: 10_000 });
  return new PrismaClient({ adapter: immediateTransactions(adapter) });
}

function createPostgresClient(url: string): Db {
  const { schema, ...config } = postgresConfig(url);
  // @prisma/adapter-pg (with pg) is loaded on the first connection, so that
  // SQLite processes (the default: CLI, workers, the server) never load it.
  let loaded: Promise<PrismaPg> | undefined;
  const load = () => (loaded ??= import('@prisma/adapter-pg').then(({ PrismaPg }) => new PrismaPg(config, schema ? { schema } : undefined)));
  const adapter: Pick<PrismaPg, 'provider' | 'adapterName' | 'connect' | 'connectToShadowDb'> = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => (await load()).connect(),
    connectToShadowDb: async () => (await load()).connectToShadowDb(),
  };
  // The one cast between the two generated clients. Both come from the same
  // schema file (prisma/postgresql/schema.prisma is derived from
  // prisma/schema.prisma by a provider swap, checked by a test), so they have
  // the same models, fields and result types, and share one runtime (same
  // error classes, same Prisma.sql). What differs is only what PostgreSQL
  // accepts in addition (`mode: 'insensitive'`, `skipDuplicates`, more
  // isolation levels): every call the SQLite type allows is valid here. The
  // declared types are still not assignable (a `$transaction` callback is
  // typed with each client's own class), hence `unknown`.
  return new PostgresPrismaClient({ adapter }) as unknown as Db;
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
