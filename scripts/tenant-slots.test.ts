import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import {
  appendSlots,
  databaseIdFromCreateOutput,
  existingSlots,
  localDatabaseId,
  nextSlotNumbers,
} from './tenant-slots.ts';

const realConfig = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');

function readWithWrangler(toml: string) {
  const path = join(mkdtempSync(join(tmpdir(), 'wnp-slots-')), 'wrangler.toml');
  writeFileSync(path, toml);
  return unstable_readConfig({ config: path });
}

describe('the tenant slot block of wrangler.toml', () => {
  it('lists the slots bound between the markers', () => {
    const slots = existingSlots(realConfig);
    expect(slots.length).toBeGreaterThanOrEqual(8);
    expect(slots).toEqual(slots.map((_, i) => i + 1));
  });

  it('appends slots that wrangler reads as D1 bindings with the tenant migrations, leaving the rest intact', () => {
    const [a, b] = nextSlotNumbers(realConfig, 2) as [number, number];
    const grown = appendSlots(realConfig, [
      { number: a, databaseId: localDatabaseId(a) },
      { number: b, databaseId: '0f3c2a8e-1b2c-4d5e-8f90-123456789abc' },
    ]);
    const before = readWithWrangler(realConfig);
    const after = readWithWrangler(grown);
    expect(after.d1_databases.slice(0, before.d1_databases.length)).toEqual(before.d1_databases);
    expect(after.d1_databases.slice(before.d1_databases.length)).toEqual([
      expect.objectContaining({ binding: `TENANT_DB_${String(a).padStart(3, '0')}`, database_id: localDatabaseId(a), migrations_dir: 'migrations/tenant' }),
      expect.objectContaining({ binding: `TENANT_DB_${String(b).padStart(3, '0')}`, database_id: '0f3c2a8e-1b2c-4d5e-8f90-123456789abc' }),
    ]);
    expect(after.ratelimits).toEqual(before.ratelimits);
    expect(existingSlots(grown)).toEqual([...existingSlots(realConfig), a, b]);
  });

  it('refuses to bind a slot twice or to grow past three-digit slot names', () => {
    expect(() => appendSlots(realConfig, [{ number: 1, databaseId: localDatabaseId(1) }])).toThrow(/TENANT_DB_001 is bound already/);
    expect(() => nextSlotNumbers(realConfig, 999)).toThrow(/another cell/);
    expect(() => nextSlotNumbers(realConfig, 0)).toThrow(/positive integer/);
  });

  it('refuses a config whose slot markers are gone', () => {
    expect(() => existingSlots('name = "x"\n')).toThrow(/between/);
  });

  it('finds the id in the output of wrangler d1 create (toml or json snippet)', () => {
    const id = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    expect(databaseIdFromCreateOutput(`[[d1_databases]]\nbinding = "DB"\ndatabase_name = "x"\ndatabase_id = "${id}"\n`)).toBe(id);
    expect(databaseIdFromCreateOutput(`{\n  "d1_databases": [{ "binding": "DB", "database_id": "${id}" }]\n}`)).toBe(id);
    expect(() => databaseIdFromCreateOutput('something went wrong')).toThrow(/database id/);
  });
});
