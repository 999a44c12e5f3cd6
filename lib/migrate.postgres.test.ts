import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from './db';
import { withPgClient } from './testing/postgres-database';
import { listMigrations, migrate, migrationsDir } from './migrate';
import { ftsQuery, POSTGRES_SEARCH_SQL, SQLITE_SEARCH_SQL, tsQuery } from './server/analytics/index-reader';
import { PostgresSearchIndexer, SqliteSearchIndexer } from './server/search/search-indexer';
import { readSchemaTables, type ScalarType } from './testing/prisma-schema';

// The PostgreSQL migration history and client, against a real server: each
// test gets a fresh database in the cluster TEST_POSTGRES_URL points at
// (scripts/test.sh starts a throw-away one with scripts/pg-cluster.sh).
const ADMIN_URL = process.env.TEST_POSTGRES_URL;
const SKIP = 'PostgreSQL (skipped: TEST_POSTGRES_URL is not set; `scripts/pg-cluster.sh start` prints one, `npm test` sets it)';
if (!ADMIN_URL) console.warn(SKIP);

const PG_TYPES: Record<ScalarType, string> = {
  Int: 'integer',
  String: 'text',
  Float: 'double precision',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Bytes: 'bytea',
};

let admin: pg.Client;
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  const name = `callsight_test_${process.pid}_${created.length}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  created.push(name);
  const url = new URL(ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

const withClient = withPgClient;

describe.skipIf(!ADMIN_URL)(ADMIN_URL ? 'PostgreSQL migrations and client' : SKIP, () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
  });
  afterAll(async () => {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('migrates an empty database to the full schema once, with Prisma-compatible rows, and is idempotent', async () => {
    const url = await freshDatabase();
    const all = listMigrations(migrationsDir('postgresql')).map((m) => m.name);
    expect(all).toEqual(listMigrations(migrationsDir('sqlite')).map((m) => m.name)); // same timestamps, same names
    const first = await migrate(url);
    expect(first).toEqual({ applied: all, alreadyApplied: 0 });
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: all.length });

    await withClient(url, async (c) => {
      const { rows } = await c.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(all);
      expect(rows.map((r) => r.checksum)).toEqual(listMigrations(migrationsDir('postgresql')).map((m) => m.checksum));
      for (const r of rows) {
        expect(r.finished_at).toBeInstanceOf(Date);
        expect(r.applied_steps_count).toBe(1);
      }
      const state = await c.query<{ id: number; instance: string; epoch: number }>(`SELECT * FROM "AnalyticsState"`);
      expect(state.rows).toEqual([{ id: 1, instance: expect.stringMatching(/^[0-9a-f]{32}$/), epoch: 0 }]);
    });
  });

  it('builds what prisma/schema.prisma describes: columns, types, nullability, SERIAL ids, indexes, foreign keys', async () => {
    const url = await freshDatabase();
    await migrate(url);
    await withClient(url, async (c) => {
      const tables = readSchemaTables();
      const { rows: present } = await c.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
      // Besides the schema's: the full-text index, which Prisma cannot describe (migrations only, as SQLite's FTS5 table).
      expect(present.map((t) => t.tablename)).toEqual([...tables.map((t) => t.name), '_prisma_migrations', 'TranscriptSearch', 'TranscriptSearchPending'].sort());
      for (const table of tables) {
        const { rows: columns } = await c.query<{ name: string; type: string; optional: boolean; serial: boolean }>(
          `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS optional,
                  coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false) AS serial
             FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
          [`"${table.name}"`],
        );
        expect(columns.sort(byName), table.name).toEqual(
          table.columns.map((col) => ({ name: col.name, type: PG_TYPES[col.type], optional: col.optional, serial: col.autoincrement })).sort(byName),
        );
        const { rows: indexes } = await c.query<{ name: string; unique: boolean; columns: string[] }>(
          `SELECT i.relname AS name, x.indisunique AS unique,
                  array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass AND NOT x.indisprimary AND x.indexprs IS NULL`,
          [`"${table.name}"`],
        );
        expect(indexes.sort(byName), table.name).toEqual([...table.indexes].sort(byName));
        const { rows: pkey } = await c.query<{ name: string }>(`SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`, [`"${table.name}"`]);
        expect(pkey).toEqual([{ name: `${table.name}_pkey` }]);
        const { rows: fks } = await c.query<{ name: string; column: string; references: string; onDelete: string }>(
          `SELECT conname AS name, (SELECT attname FROM pg_attribute WHERE attrelid = conrelid AND attnum = conkey[1]) AS column,
                  confrelid::regclass::text AS references,
                  CASE confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'r' THEN 'RESTRICT' ELSE confdeltype::text END AS "onDelete"
             FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' AND confupdtype = 'c'`,
          [`"${table.name}"`],
        );
        expect(fks.sort(byName), table.name).toEqual(
          table.foreignKeys.map((f) => ({ ...f, references: `"${f.references}"` })).sort(byName),
        );
      }
    });
  });

  it('has a full-text index on transcript text that the search query can use', async () => {
    const url = await freshDatabase();
    await migrate(url);
    await withClient(url, async (c) => {
      await c.query(`SET enable_seqscan = off`);
      const plan = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${POSTGRES_SEARCH_SQL}`, [tsQuery('router')]);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('TranscriptSearch_vector_idx');
    });
  });

  it('applies each migration once when several processes migrate at the same moment', async () => {
    const url = await freshDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const all = listMigrations(migrationsDir('postgresql')).map((m) => m.name);
    expect(results.flatMap((r) => r.applied).sort()).toEqual(all);
    expect(results.map((r) => r.applied.length + r.alreadyApplied)).toEqual([all.length, all.length, all.length]);
    const { rows } = await withClient(url, (c) => c.query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`));
    expect(Number(rows[0]?.n)).toBe(all.length);
  });

  it('`npx callsight migrate` migrates a postgresql:// DATABASE_URL, from two processes at once', async () => {
    const url = await freshDatabase();
    const cli = () => promisify(execFile)(process.execPath, ['bin/callsight.mjs', 'migrate'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' });
    const outputs = (await Promise.all([cli(), cli()])).map((r) => r.stdout.trim()).sort();
    const all = listMigrations(migrationsDir('postgresql')).map((m) => m.name);
    // Either one process applies everything and the other finds it done, or they share the work.
    const applied = outputs.flatMap((o) => (o.startsWith('applied: ') ? o.slice('applied: '.length).split(', ') : []));
    expect(applied.sort()).toEqual(all);
    const { rows } = await withClient(url, (c) => c.query<{ n: string }>(`SELECT count(*) AS n FROM "_prisma_migrations"`));
    expect(Number(rows[0]?.n)).toBe(all.length);
  }, 180_000);

  it('refuses a migration edited after it was applied, and leaves nothing of one that fails part-way', async () => {
    const url = await freshDatabase();
    const dir = join(mkdtempSync(join(tmpdir(), 'callsight-pg-migrations-')), 'migrations');
    cpSync(migrationsDir('postgresql'), dir, { recursive: true });
    await migrate(url, dir);
    const [m] = listMigrations(dir);
    writeFileSync(join(dir, m!.name, 'migration.sql'), `${m!.sql}\n-- edited`);
    await expect(migrate(url, dir)).rejects.toThrow(/changed after it was applied/);
    writeFileSync(join(dir, m!.name, 'migration.sql'), m!.sql);

    mkdirSync(join(dir, '99990101000000_broken'));
    writeFileSync(join(dir, '99990101000000_broken', 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);\n');
    await expect(migrate(url, dir)).rejects.toThrow(/99990101000000_broken failed: .*NoSuchTable/);
    await withClient(url, async (c) => {
      expect((await c.query(`SELECT to_regclass('"Half"') AS t`)).rows).toEqual([{ t: null }]);
      expect((await c.query(`SELECT migration_name FROM "_prisma_migrations" WHERE migration_name LIKE '9999%'`)).rows).toEqual([]);
    });
  });

  it('honours Prisma’s ?schema= parameter in migrations and queries', async () => {
    const url = new URL(await freshDatabase());
    url.searchParams.set('schema', 'tenant_a');
    await migrate(url.toString());
    const db = createDb(url.toString());
    try {
      await db.apiKey.create({ data: { name: 'k', prefix: 'p', hash: 'h' } });
      expect(await db.apiKey.count()).toBe(1);
    } finally {
      await db.$disconnect();
    }
    url.searchParams.delete('schema');
    const { rows } = await withClient(url.toString(), (c) => c.query<{ schemaname: string }>(`SELECT DISTINCT schemaname FROM pg_tables WHERE tablename = 'ApiKey'`));
    expect(rows).toEqual([{ schemaname: 'tenant_a' }]);
  });

  it('answers the same Prisma queries as SQLite, through createDb', async () => {
    const pgUrl = await freshDatabase();
    await migrate(pgUrl);
    const sqliteUrl = `file:${join(mkdtempSync(join(tmpdir(), 'callsight-compare-')), 'compare.db')}`;
    await migrate(sqliteUrl);

    const onPostgres = await withDb(pgUrl, exercise);
    const onSqlite = await withDb(sqliteUrl, exercise);
    expect(onPostgres).toEqual(onSqlite);
    expect(onPostgres).toMatchObject({ duplicate: 'P2002', missing: 'P2025', cascade: { labels: 0, predictions: 0 }, prefixed: TEXTS.length });
    expect([onPostgres.byLabel.length, onPostgres.byDay.length, onPostgres.angryOrNeutral.length, onPostgres.rescored]).toEqual([4, 7, 3, 3]);
    // The same search, once per dialect: FTS5 on SQLite, the GIN index of stored vectors on PostgreSQL, once indexed.
    const sqliteIndexer = SqliteSearchIndexer.open(sqliteUrl.slice('file:'.length));
    while (await sqliteIndexer.indexBatch());
    await sqliteIndexer.close();
    const pool = new pg.Pool({ connectionString: pgUrl });
    while (await new PostgresSearchIndexer(pool).indexBatch());
    await pool.end();
    const sqliteConn = new Database(sqliteUrl.slice('file:'.length), { readonly: true });
    const searchBoth = async (q: string) => {
      const sqliteHits = (sqliteConn.prepare(SQLITE_SEARCH_SQL).raw().all(ftsQuery(q)) as [number][]).map((r) => r[0]);
      const pgHits = await withClient(pgUrl, async (c) => (await c.query<{ id: number }>(POSTGRES_SEARCH_SQL, [tsQuery(q)])).rows.map((r) => r.id));
      return { sqliteHits, pgHits };
    };
    for (const q of ['Router', 'rout', 'rôuter', 'cafe', 'Café', 'RESILIATION']) {
      const { sqliteHits, pgHits } = await searchBoth(q);
      expect(pgHits, q).toEqual(sqliteHits);
      expect(pgHits.length, q).toBeGreaterThan(0);
    }
    sqliteConn.close();
  });
});

async function withDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(url);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

const LABELS = ['Angry', 'Frustrated', 'Neutral', 'Satisfied'];
const TEXTS = [
  'My router keeps dropping the connection every evening',
  'I was charged twice this month',
  'Thanks, the technician fixed everything',
  'The ROUTER lights are red and nothing works',
  'Please cancel my contract',
  'Billing is wrong again, third time',
  'Un café au lait et la résiliation, merci',
];

/** A little of everything the code asks of Prisma; the result is compared across databases. */
async function exercise(db: Db) {
  const model = await db.model.create({
    data: { name: 'Sentiment', threshold: 0.25, labels: { create: LABELS.map((name, position) => ({ name, position })) } },
    include: { labels: { orderBy: { position: 'asc' }, select: { id: true, name: true, position: true } } },
  });
  const version = await db.modelVersion.create({ data: { modelId: model.id, version: 1, artifact: new Uint8Array([0, 1, 2, 127, 128, 255]), trainSeconds: 1.5 } });
  await db.model.update({ where: { id: model.id }, data: { activeVersionId: version.id } });

  for (const [i, text] of TEXTS.entries()) {
    const occurredAt = new Date(Date.UTC(2026, 10, 1 + (i % 3), 9 + i, 30, 15, 123));
    await db.transcript.create({
      data: {
        externalId: `c${i}`,
        contentHash: `hash-${i}`,
        text,
        channel: i % 2 ? 'chat' : 'phone',
        occurredAt,
        day: occurredAt.toISOString().slice(0, 10),
        predictions: {
          create: { modelId: model.id, modelVersionId: version.id, label: LABELS[i % LABELS.length]!, score: 0.5 + i / 16, scores: JSON.stringify([0.1, 0.2, 0.3, 0.4]), day: occurredAt.toISOString().slice(0, 10) },
        },
      },
    });
  }

  const byLabel = await db.prediction.groupBy({
    by: ['label'],
    where: { modelId: model.id },
    _count: { _all: true },
    _avg: { score: true },
    _max: { score: true },
    orderBy: { label: 'asc' },
  });
  const byDay = await db.prediction.groupBy({ by: ['day', 'label'], _count: { _all: true }, orderBy: [{ day: 'asc' }, { label: 'asc' }] });
  const angryOrNeutral = await db.transcript.findMany({
    where: { occurredAt: { gte: new Date('2026-11-01T00:00:00Z'), lt: new Date('2026-11-03T00:00:00Z') }, predictions: { some: { label: { in: ['Angry', 'Neutral'] } } } },
    select: { id: true, externalId: true, occurredAt: true, predictions: { select: { label: true, score: true } } },
    orderBy: { occurredAt: 'desc' },
  });
  const artifact = (await db.modelVersion.findUniqueOrThrow({ where: { id: version.id }, select: { artifact: true } })).artifact;
  const epoch = await db.analyticsState.update({ where: { id: 1 }, data: { epoch: { increment: 1 } }, select: { epoch: true } });
  const rescored = await db.$transaction(async (tx) => {
    await tx.prediction.updateMany({ where: { label: 'Neutral' }, data: { score: 0.5 } });
    return tx.prediction.count({ where: { score: 0.5 } });
  });
  const prefixed = await db.transcript.count({ where: { externalId: { startsWith: 'c' } } });
  const duplicate = await db.transcript
    .create({ data: { contentHash: 'hash-0', text: 'again', occurredAt: new Date(), day: '2026-11-28' } })
    .then(() => 'created', (e: { code?: string }) => e.code);
  const missing = await db.apiKey.update({ where: { id: 999 }, data: { name: 'x' } }).then(() => 'updated', (e: { code?: string }) => e.code);
  const cascade = await db.model.delete({ where: { id: model.id } }).then(async () => ({ labels: await db.label.count(), predictions: await db.prediction.count() }));

  return {
    model: { id: model.id, name: model.name, threshold: model.threshold, multiLabel: model.multiLabel, labels: model.labels },
    byLabel: byLabel.map((g) => ({ ...g, _avg: { score: round(g._avg.score) } })),
    byDay,
    angryOrNeutral: angryOrNeutral.map((t) => ({ ...t, occurredAt: t.occurredAt.toISOString() })),
    artifact: artifact && [...artifact],
    epoch,
    rescored,
    prefixed,
    duplicate,
    missing,
    cascade,
  };
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1e9) / 1e9);
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
