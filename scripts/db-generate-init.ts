// `npm run db:generate:init`: while we are pre-release, each database has ONE
// drizzle-generated migration, 0000_init.sql, regenerated from the whole schema.
// Only that file and drizzle's meta/ are replaced; hand-written migrations beside
// it (0001_search.sql: FTS5 tables and triggers drizzle cannot express) are kept,
// and wrangler and the tests apply every *.sql in name order.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './run-command.ts';

for (const database of ['directory', 'tenant'] as const) {
  const dir = join(ROOT, 'migrations', database);
  rmSync(join(dir, '0000_init.sql'), { force: true });
  rmSync(join(dir, 'meta'), { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules/drizzle-kit/bin.cjs'), 'generate', '--config', `drizzle.${database}.config.ts`, '--name', 'init'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
