import pg from 'pg';

/**
 * PostgreSQL for integration tests: TEST_POSTGRES_URL names a cluster
 * (scripts/pg-cluster.sh start prints one, `npm test` starts one), and each
 * test file creates its own databases in it and drops them afterwards.
 */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL;

export const SKIP_WITHOUT_POSTGRES = 'PostgreSQL (skipped: TEST_POSTGRES_URL is not set; `scripts/pg-cluster.sh start` prints one, `npm test` sets it)';

/** One connection to `url` for `fn`, closed afterwards whatever happens. */
export async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDatabases {
  /** A new, empty database in the cluster; its URL. */
  create(): Promise<string>;
  /** Drops every database this created (connections to them are closed by force). */
  dropAll(): Promise<void>;
}

export function testDatabases(adminUrl: string, prefix = 'callsight_test'): TestDatabases {
  const created: string[] = [];
  const withAdmin = <T,>(fn: (c: pg.Client) => Promise<T>) => withPgClient(adminUrl, fn);
  return {
    async create() {
      const name = `${prefix}_${process.pid}_${created.length}_${Math.random().toString(36).slice(2, 8)}`;
      await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async dropAll() {
      await withAdmin(async (c) => {
        for (const name of created.splice(0)) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    },
  };
}
