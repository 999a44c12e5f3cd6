// A throw-away PostgreSQL cluster for a benchmark (scripts/pg-cluster.sh):
// started once, one database per measurement (empty, or a copy of a
// template database), stopped and removed at the end, also when the
// benchmark fails or is interrupted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { withPgClient } from '../lib/testing/postgres-database';

export interface BenchCluster {
  /** the URL of the cluster's `postgres` database (the admin connection) */
  url: string;
  /** e.g. "15.18" */
  version: string;
  /** the postmaster's pid: the root of the server's process tree, for CPU accounting */
  postmasterPid: number;
  /** Creates database `name` (a copy of `template` if given: CREATE DATABASE … TEMPLATE) and returns its URL. */
  createDatabase(name: string, template?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  stop(): void;
}

export function databaseUrl(clusterUrl: string, name: string, applicationName?: string): string {
  const u = new URL(clusterUrl);
  u.pathname = `/${name}`;
  if (applicationName) u.searchParams.set('application_name', applicationName);
  return u.toString();
}

export async function startCluster(log: (s: string) => void): Promise<BenchCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'callsight-bench-pg-'));
  rmSync(dir, { recursive: true, force: true });
  const url = execFileSync('bash', ['scripts/pg-cluster.sh', 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  };
  // Ctrl-C or a kill must not leave a server running on the machine.
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the PostgreSQL cluster`);
    stop();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', stop);

  const admin = <T,>(fn: (c: pg.Client) => Promise<T>) => withPgClient(url, fn);
  const version = await admin(async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v.split(' ')[0]!);
  const postmasterPid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const ident = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name "${name}": lower-case letters, digits and _ only`);
    return `"${name}"`;
  };
  return {
    url,
    version,
    postmasterPid,
    async createDatabase(name, template) {
      await admin((c) => c.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`));
      return databaseUrl(url, name);
    },
    async dropDatabase(name) {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
    },
    stop,
  };
}
