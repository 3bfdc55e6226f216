// Telling a write refused by a UNIQUE constraint from any other failure. D1
// reports the constraint in the message; drizzle wraps D1's error in its own,
// so the whole `cause` chain is read.

/** Whether `error` (or an error it wraps) is SQLite refusing a duplicate of `target`: a column ("tags.name") or a table ("idempotency_keys"). */
export function violatesUnique(error: unknown, target: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes(`UNIQUE constraint failed: ${target}`)) return true;
  }
  return false;
}

export type UniqueWrite<T, Reason extends string> = { ok: true; value: T } | { ok: false; reason: Reason };

/** Runs a write; a duplicate of `target` (even one written by a racing request) comes back as `reason`, any other failure is thrown. */
export async function unlessDuplicate<T, Reason extends string>(target: string, reason: Reason, write: () => Promise<T>): Promise<UniqueWrite<T, Reason>> {
  try {
    return { ok: true, value: await write() };
  } catch (error) {
    if (violatesUnique(error, target)) return { ok: false, reason };
    throw error;
  }
}
