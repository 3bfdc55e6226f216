import type { TestTenant } from './harness';

// Every row of every table, to prove that a refused request changed nothing.

const VOLATILE_COLUMNS = new Set(['last_used_at']);

export async function snapshotDatabase(db: D1Database): Promise<Record<string, unknown[]>> {
  const { results: tables } = await db
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name not like 'd1_%' and name not like '%_fts%' order by name",
    )
    .all<{ name: string }>();
  // One batch, one round trip: the fuzzer takes a snapshot after every attempt.
  const reads = await db.batch<Record<string, unknown>>(tables.map(({ name }) => db.prepare(`select * from "${name}" order by rowid`)));
  const snapshot: Record<string, unknown[]> = {};
  tables.forEach(({ name }, i) => {
    snapshot[name] = reads[i]!.results.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE_COLUMNS.has(k))));
  });
  return snapshot;
}

/** The raw D1 binding behind a test tenant's drizzle handle. */
export function rawDb(tenant: TestTenant): D1Database {
  return tenant.db.$client;
}
