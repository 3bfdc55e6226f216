import { asc, eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditActor } from '../audit/audit-log';
import { macros, type Macro } from '../db/tenant/macros';
import type { TicketStatus } from '../db/tenant/tickets';
import { unlessDuplicate, type UniqueWrite } from '../db/unique-violation';
import type { TenantDb } from '../tenancy/tenant-db';

// The team's macros. Each change is written with its audit row in one batch;
// a title already taken comes back as a value.

export type MacroWrite<T> = UniqueWrite<T, 'title_taken'>;
export interface MacroContent {
  title: string;
  body: string;
  status: TicketStatus | null;
}

const unlessTitleTaken = <T>(write: () => Promise<T>): Promise<MacroWrite<T>> => unlessDuplicate('macros.title', 'title_taken', write);

const auditView = (macro: MacroContent) => ({ title: macro.title, body: macro.body, status: macro.status });

/** Every macro, by title (case-insensitively, as a person reads a list). */
export function listMacros(db: TenantDb): Promise<Macro[]> {
  return db
    .select()
    .from(macros)
    .orderBy(sql`${macros.title} collate nocase`, asc(macros.id))
    .all();
}

export async function findMacro(db: TenantDb, id: number): Promise<Macro | null> {
  return (await db.select().from(macros).where(eq(macros.id, id)).get()) ?? null;
}

export function createMacro(db: TenantDb, actor: AuditActor, content: MacroContent): Promise<MacroWrite<Macro>> {
  return unlessTitleTaken(async () => {
    const createdBy = typeof actor.actorId === 'number' ? actor.actorId : null;
    const [[created]] = await db.batch([
      db
        .insert(macros)
        .values({ ...content, createdBy })
        .returning(),
      auditStatement(db, actor, {
        action: 'macro.create',
        targetType: 'macro',
        targetId: sql`(select ${macros.id} from ${macros} where ${macros.title} = ${content.title})`,
        after: auditView(content),
      }),
    ]);
    if (!created) throw new Error('the macro insert returned no row');
    return created;
  });
}

export function updateMacro(db: TenantDb, actor: AuditActor, current: Macro, changes: Partial<MacroContent>): Promise<MacroWrite<Macro>> {
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<MacroContent>;
  return unlessTitleTaken(async () => {
    const [[updated]] = await db.batch([
      db
        .update(macros)
        .set({ ...given, updatedAt: Date.now() })
        .where(eq(macros.id, current.id))
        .returning(),
      auditStatement(db, actor, {
        action: 'macro.update',
        targetType: 'macro',
        targetId: current.id,
        before: auditView(current),
        after: auditView({ ...current, ...given }),
      }),
    ]);
    if (!updated) throw new Error('the macro update returned no row');
    return updated;
  });
}

export async function deleteMacro(db: TenantDb, actor: AuditActor, macro: Macro): Promise<void> {
  await db.batch([
    db.delete(macros).where(eq(macros.id, macro.id)),
    auditStatement(db, actor, { action: 'macro.delete', targetType: 'macro', targetId: macro.id, before: auditView(macro) }),
  ]);
}
