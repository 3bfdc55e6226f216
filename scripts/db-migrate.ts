// Applies the D1 migrations to the directory and to every tenant slot bound in wrangler.toml.
//   node scripts/db-migrate.ts [--remote] [--persist-to <dir>] [BINDING ...]
import { parseArgs } from 'node:util';
import { unstable_readConfig } from 'wrangler';
import { ROOT, runTool } from './run-command.ts';

export const DEFAULT_PERSIST_TO = '.wrangler/state';

export type MigrationTarget = { remote: true } | { remote: false; persistTo: string };

/** Every D1 binding of the API worker: DIRECTORY first, then the tenant slots in order. */
export function d1Bindings(configPath = `${ROOT}wrangler.toml`): string[] {
  const config = unstable_readConfig({ config: configPath });
  // wrangler's Config type comes from a package it bundles, so it arrives here untyped.
  const databases: ReadonlyArray<{ binding: string }> = config.d1_databases;
  return databases.map((database) => database.binding);
}

/**
 * Runs `wrangler d1 migrations apply` for each binding, one after another: local
 * runs share miniflare's state files and fail with SQLITE_BUSY when run at once.
 */
export async function migrateDatabases(bindings: string[], target: MigrationTarget): Promise<void> {
  const location = target.remote ? ['--remote'] : ['--local', '--persist-to', target.persistTo];
  for (const binding of bindings) {
    await runTool('wrangler', ['d1', 'migrations', 'apply', binding, ...location], { quiet: true });
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { remote: { type: 'boolean', default: false }, 'persist-to': { type: 'string', default: DEFAULT_PERSIST_TO } },
  });
  const bindings = positionals.length > 0 ? positionals : d1Bindings();
  const target: MigrationTarget = values.remote ? { remote: true } : { remote: false, persistTo: values['persist-to'] };
  console.log(`Applying migrations ${values.remote ? 'remotely' : `locally (${values['persist-to']})`} to ${bindings.join(', ')}…`);
  await migrateDatabases(bindings, target);
  console.log('Migrations applied.');
}
