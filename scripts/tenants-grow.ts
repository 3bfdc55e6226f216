// `npm run tenants:grow -- <count> [--remote]`: adds tenant slots to this cell.
// Locally: new bindings with placeholder ids. With --remote: creates the D1
// databases first and writes their real ids. Then migrates the new slots and
// regenerates the worker's binding types.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_PERSIST_TO, migrateDatabases } from './db-migrate.ts';
import { ROOT, runTool } from './run-command.ts';
import {
  appendSlots,
  databaseIdFromCreateOutput,
  localDatabaseId,
  nextSlotNumbers,
  slotBinding,
  slotDatabaseName,
} from './tenant-slots.ts';

const CONFIG = `${ROOT}wrangler.toml`;
const USAGE = 'Usage: npm run tenants:grow -- <count> [--remote] [--persist-to .wrangler/state]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { remote: { type: 'boolean', default: false }, 'persist-to': { type: 'string', default: DEFAULT_PERSIST_TO } },
});
const count = Number(positionals[0]);
if (positionals.length !== 1 || !Number.isInteger(count) || count < 1) {
  console.error(USAGE);
  process.exit(2);
}

const numbers = nextSlotNumbers(readFileSync(CONFIG, 'utf8'), count);
for (const number of numbers) {
  let databaseId = localDatabaseId(number);
  if (values.remote) {
    console.log(`Creating D1 database ${slotDatabaseName(number)}…`);
    databaseId = databaseIdFromCreateOutput(await runTool('wrangler', ['d1', 'create', slotDatabaseName(number)], { quiet: true }));
  }
  // One slot at a time, so a failure part-way leaves every created database bound.
  writeFileSync(CONFIG, appendSlots(readFileSync(CONFIG, 'utf8'), [{ number, databaseId }]));
  console.log(`Bound ${slotBinding(number)} → ${slotDatabaseName(number)} (${databaseId}).`);
}

const bindings = numbers.map(slotBinding);
console.log(`Migrating ${bindings.join(', ')} ${values.remote ? 'remotely' : `locally (${values['persist-to']})`}…`);
await migrateDatabases(bindings, values.remote ? { remote: true } : { remote: false, persistTo: values['persist-to'] });
console.log('Regenerating worker types (npm run types)…');
execFileSync('npm', ['run', 'types'], { cwd: ROOT, stdio: 'inherit' });
console.log(
  values.remote
    ? `Added ${count} slots. Deploy the API worker (npm run deploy) to bind them in production.`
    : `Added ${count} slots locally. Restart npm start to use them.`,
);
