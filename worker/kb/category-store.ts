import { and, eq, isNull, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { kbArticles, kbCategories, type KbCategory, type KbCategoryNames, type KbVisibility } from '../db/tenant/kb';
import { unlessDuplicate, type UniqueWrite } from '../db/unique-violation';
import type { TenantDb } from '../tenancy/tenant-db';

// Knowledge-base categories. Each change is written with its audit row in one
// batch; a slug already taken comes back as a value.

export type CategoryWrite<T> = UniqueWrite<T, 'slug_taken'>;

export interface CategoryContent {
  slug: string;
  names: KbCategoryNames;
  visibility: KbVisibility;
  parentId: number | null;
}

/** All categories the reader may see (staff: all; others: public ones). */
export function listCategories(db: TenantDb, staff: boolean): Promise<KbCategory[]> {
  return db
    .select()
    .from(kbCategories)
    .where(staff ? undefined : eq(kbCategories.visibility, 'public'))
    .all();
}

export async function findCategory(db: TenantDb, id: number, staff: boolean): Promise<KbCategory | null> {
  const where = and(eq(kbCategories.id, id), staff ? undefined : eq(kbCategories.visibility, 'public'));
  return (await db.select().from(kbCategories).where(where).get()) ?? null;
}

const unlessSlugTaken = <T>(write: () => Promise<T>): Promise<CategoryWrite<T>> => unlessDuplicate('kb_categories.slug', 'slug_taken', write);

const siblingsOf = (parentId: number | null) => (parentId === null ? isNull(kbCategories.parentId) : eq(kbCategories.parentId, parentId));

/** The position after the last sibling under `parentId`. */
const nextPosition = (parentId: number | null) =>
  sql`(select coalesce(max(${kbCategories.position}) + 1, 0) from ${kbCategories} where ${siblingsOf(parentId)})`;

const auditView = (c: Partial<CategoryContent> & { position?: number }) => ({
  slug: c.slug,
  names: c.names,
  visibility: c.visibility,
  parent_id: c.parentId,
  position: c.position,
});

/** Creates a category as the last child of its parent. */
export function createCategory(db: TenantDb, actor: AuditActor, input: CategoryContent): Promise<CategoryWrite<KbCategory>> {
  return unlessSlugTaken(async () => {
    const now = Date.now();
    const [[created]] = await db.batch([
      db
        .insert(kbCategories)
        .values({ ...input, position: nextPosition(input.parentId), createdAt: now, updatedAt: now })
        .returning(),
      auditStatement(db, actor, {
        action: 'kb_category.create',
        targetType: 'kb_category',
        targetId: sql`(select ${kbCategories.id} from ${kbCategories} where ${kbCategories.slug} = ${input.slug})`,
        after: auditView(input),
      }),
    ]);
    if (!created) throw new Error('the category insert returned no row');
    return created;
  });
}

/** Changes a category; moving it to another parent makes it that parent's last child. */
export function updateCategory(
  db: TenantDb,
  actor: AuditActor,
  current: KbCategory,
  changes: Partial<CategoryContent>,
): Promise<CategoryWrite<KbCategory>> {
  return unlessSlugTaken(async () => {
    const moving = changes.parentId !== undefined && changes.parentId !== current.parentId;
    const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<CategoryContent>;
    const [[updated]] = await db.batch([
      db
        .update(kbCategories)
        .set({ ...given, ...(moving ? { position: nextPosition(changes.parentId ?? null) } : {}), updatedAt: Date.now() })
        .where(eq(kbCategories.id, current.id))
        .returning(),
      auditStatement(db, actor, {
        action: 'kb_category.update',
        targetType: 'kb_category',
        targetId: current.id,
        before: auditView(current),
        after: auditView({ ...current, ...given }),
      }),
    ]);
    if (!updated) throw new Error('the category update returned no row');
    return updated;
  });
}

/** Whether the category still holds subcategories or articles (it may only be deleted empty). */
export async function categoryInUse(db: TenantDb, id: number): Promise<boolean> {
  const child = await db.select({ id: kbCategories.id }).from(kbCategories).where(eq(kbCategories.parentId, id)).limit(1).get();
  if (child) return true;
  const article = await db.select({ id: kbArticles.id }).from(kbArticles).where(eq(kbArticles.categoryId, id)).limit(1).get();
  return article !== undefined;
}

export async function deleteCategory(db: TenantDb, actor: AuditActor, category: KbCategory): Promise<void> {
  await db.batch([
    db.delete(kbCategories).where(eq(kbCategories.id, category.id)),
    auditStatement(db, actor, { action: 'kb_category.delete', targetType: 'kb_category', targetId: category.id, before: auditView(category) }),
  ]);
}

/** The ids of the children of `parentId`, in order. */
export async function childIds(db: TenantDb, parentId: number | null): Promise<number[]> {
  const rows = await db.select({ id: kbCategories.id }).from(kbCategories).where(siblingsOf(parentId)).orderBy(kbCategories.position, kbCategories.id).all();
  return rows.map((r) => r.id);
}

/** Sets the order of the children of `parentId`: `ids` are all of them, in their new order. */
export async function reorderCategories(db: TenantDb, actor: AuditActor, parentId: number | null, ids: readonly number[], before: readonly number[]): Promise<void> {
  const now = Date.now();
  await db.batch([
    auditStatement(db, actor, {
      action: 'kb_category.reorder',
      targetType: 'kb_category',
      targetId: parentId ?? 'root',
      before: { order: before },
      after: { order: ids },
    }),
    ...ids.map((id, position) => db.update(kbCategories).set({ position, updatedAt: now }).where(and(eq(kbCategories.id, id), siblingsOf(parentId)))),
  ]);
}
