// The tenant slot block of wrangler.toml: read it and append to it. Pure text in,
// text out, so the generated config stays exactly as a person would write it.

const START_MARKER = '# --- tenant slots';
const END_MARKER = '# --- end tenant slots ---';
/** worker/tenancy/tenant-db.ts accepts exactly three digits; more slots mean another cell. */
export const MAX_SLOTS = 999;

export interface NewSlot {
  number: number;
  /** The D1 database id: a real one from `wrangler d1 create`, or a local placeholder. */
  databaseId: string;
}

export const slotBinding = (n: number): string => `TENANT_DB_${String(n).padStart(3, '0')}`;
export const slotDatabaseName = (n: number): string => `workernet-tenant-${String(n).padStart(3, '0')}`;

/** A placeholder id for a slot that only exists locally (wrangler dev ignores ids). */
export const localDatabaseId = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function markerPositions(toml: string): { start: number; end: number } {
  const start = toml.indexOf(START_MARKER);
  const end = toml.indexOf(END_MARKER);
  if (start < 0 || end < 0 || end < start) {
    throw new Error(`wrangler.toml must keep its tenant slots between "${START_MARKER} …" and "${END_MARKER}".`);
  }
  return { start, end };
}

/** The slot numbers bound between the markers, in file order. */
export function existingSlots(toml: string): number[] {
  const { start, end } = markerPositions(toml);
  return [...toml.slice(start, end).matchAll(/binding\s*=\s*"TENANT_DB_(\d+)"/g)].map((m) => Number(m[1]));
}

/** The numbers the next `count` slots get: after the highest one bound. */
export function nextSlotNumbers(toml: string, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new Error('The slot count must be a positive integer.');
  const highest = Math.max(0, ...existingSlots(toml));
  if (highest + count > MAX_SLOTS) {
    throw new Error(
      `This cell would have ${highest + count} slots; one deployment holds at most ${MAX_SLOTS}. Deploy another cell instead (docs/operations.md).`,
    );
  }
  return Array.from({ length: count }, (_, i) => highest + 1 + i);
}

function slotBlock({ number, databaseId }: NewSlot): string {
  return [
    '[[d1_databases]]',
    `binding = "${slotBinding(number)}"`,
    `database_name = "${slotDatabaseName(number)}"`,
    `database_id = "${databaseId}"`,
    'migrations_dir = "migrations/tenant"',
  ].join('\n');
}

/** wrangler.toml with the slots appended at the end of the slot block. */
export function appendSlots(toml: string, slots: readonly NewSlot[]): string {
  const existing = new Set(existingSlots(toml));
  const clash = slots.find((slot) => existing.has(slot.number));
  if (clash) throw new Error(`${slotBinding(clash.number)} is bound already.`);
  const { end } = markerPositions(toml);
  const before = toml.slice(0, end).replace(/\n*$/, '\n');
  const blocks = slots.map((slot) => `\n${slotBlock(slot)}\n`).join('');
  return `${before}${blocks}${toml.slice(end)}`;
}

/** The id `wrangler d1 create` printed for the new database. */
export function databaseIdFromCreateOutput(output: string): string {
  const match = /database_id"?\s*[=:]\s*"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/i.exec(output);
  if (!match?.[1]) throw new Error(`Could not find the database id in the output of wrangler d1 create:\n${output}`);
  return match[1];
}
