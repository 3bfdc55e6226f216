import { asc, eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { tags, ticketTags } from '../db/tenant/tickets';
import { unlessDuplicate, type UniqueWrite } from '../db/unique-violation';
import type { TenantDb } from '../tenancy/tenant-db';

// The tenant's tags. Each change is written with its audit row in one batch.
// Expected refusals (a name already taken) come back as values.

export type Tag = typeof tags.$inferSelect;
export type TagWrite<T> = UniqueWrite<T, 'name_taken'>;

export function listTags(db: TenantDb): Promise<Tag[]> {
  return db.select().from(tags).orderBy(asc(tags.name)).all();
}

export async function findTag(db: TenantDb, id: number): Promise<Tag | null> {
  return (await db.select().from(tags).where(eq(tags.id, id)).get()) ?? null;
}

/** Of `names`, those no tag is called. */
export async function unknownTagNames(db: TenantDb, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const found = await db
    .select({ name: tags.name })
    .from(tags)
    .where(sql`${tags.name} in (select value from json_each(${JSON.stringify(names)}))`)
    .all();
  const known = new Set(found.map((t) => t.name));
  return [...new Set(names)].filter((name) => !known.has(name));
}

/** Runs a tag write; a clash on the unique name (even a racing one) is `name_taken`. */
const unlessNameTaken = <T>(write: () => Promise<T>): Promise<TagWrite<T>> => unlessDuplicate('tags.name', 'name_taken', write);

const auditView = (tag: Pick<Tag, 'name' | 'color'>) => ({ name: tag.name, color: tag.color });

export function createTag(db: TenantDb, actor: AuditActor, tag: { name: string; color: string | null }): Promise<TagWrite<Tag>> {
  return unlessNameTaken(async () => {
    const [[created]] = await db.batch([
      db.insert(tags).values({ ...tag, createdAt: Date.now() }).returning(),
      auditStatement(db, actor, {
        action: 'tag.create',
        targetType: 'tag',
        targetId: sql`(select ${tags.id} from ${tags} where ${tags.name} = ${tag.name})`,
        after: auditView(tag),
      }),
    ]);
    if (!created) throw new Error('the tag insert returned no row');
    return created;
  });
}

export function updateTag(
  db: TenantDb,
  actor: AuditActor,
  current: Tag,
  changes: { name?: string; color?: string | null },
): Promise<TagWrite<Tag>> {
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return unlessNameTaken(async () => {
    const [[updated]] = await db.batch([
      db.update(tags).set(given).where(eq(tags.id, current.id)).returning(),
      auditStatement(db, actor, {
        action: 'tag.update',
        targetType: 'tag',
        targetId: current.id,
        before: auditView(current),
        after: { ...auditView(current), ...given },
      }),
    ]);
    if (!updated) throw new Error('the tag update returned no row');
    return updated;
  });
}

/** Deletes the tag and takes it off every ticket, in one batch. */
export async function deleteTag(db: TenantDb, actor: AuditActor, tag: Tag): Promise<void> {
  await db.batch([
    db.delete(ticketTags).where(eq(ticketTags.tagId, tag.id)),
    db.delete(tags).where(eq(tags.id, tag.id)),
    auditStatement(db, actor, { action: 'tag.delete', targetType: 'tag', targetId: tag.id, before: auditView(tag) }),
  ]);
}
