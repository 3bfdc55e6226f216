// Writes the benchmark's tickets and comments straight into the tenant's local D1
// file: 400,000 rows through HTTP would take hours, one SQLite transaction takes
// seconds. The rows go into the same columns the app writes (db/tenant/tickets.ts),
// and wrangler must be stopped while this runs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { generateTickets, type SeedPeople } from './ticket-rows.ts';

/** Where miniflare keeps each local D1 database as an SQLite file. */
const D1_FILES = 'v3/d1/miniflare-D1DatabaseObject';

/** The local D1 file of the tenant whose users include `ownerEmail`. */
export function findTenantDatabase(persistTo: string, ownerEmail: string): string {
  const dir = join(persistTo, D1_FILES);
  const matches = readdirSync(dir)
    .filter((name) => name.endsWith('.sqlite'))
    .map((name) => join(dir, name))
    .filter((file) => {
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        const hasUsers = db.prepare(`select 1 from sqlite_master where type = 'table' and name = 'users'`).get();
        return hasUsers !== undefined && db.prepare('select 1 from users where email = ?').get(ownerEmail) !== undefined;
      } finally {
        db.close();
      }
    });
  if (matches.length !== 1) throw new Error(`Expected one D1 file under ${dir} holding ${ownerEmail}, found ${matches.length}.`);
  return matches[0]!;
}

export interface SeedCounts {
  tickets: number;
  comments: number;
  ticketTags: number;
  /** Open tickets of the benchmark agent: what the list scenario pages through. */
  agentOpen: number;
}

export function tagIdsOf(file: string): number[] {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare('select id from tags order by id').all().map((row) => Number(row.id));
  } finally {
    db.close();
  }
}

export function bulkSeed(file: string, people: SeedPeople, tickets: number, comments: number, seed = 20_261_117): SeedCounts {
  const db = new DatabaseSync(file);
  try {
    const insertTicket = db.prepare(
      `insert into tickets (subject, description, status, priority, priority_rank, type, channel, requester_id, assignee_id,
         group_name, custom_fields, created_at, updated_at, solved_at, closed_at)
       values (:subject, :description, :status, :priority, :priority_rank, :type, :channel, :requester_id, :assignee_id,
         :group_name, :custom_fields, :created_at, :updated_at, :solved_at, :closed_at)`,
    );
    const insertComment = db.prepare(
      `insert into ticket_comments (ticket_id, author_id, public, channel, body_text, body_html, created_at)
       values (:ticket_id, :author_id, :public, :channel, :body_text, :body_html, :created_at)`,
    );
    const insertTag = db.prepare('insert into ticket_tags (ticket_id, tag_id) values (?, ?)');
    let ticketTags = 0;
    db.exec('begin');
    try {
      for (const generated of generateTickets(people, tickets, comments, seed)) {
        const ticketId = insertTicket.run({ ...generated.ticket }).lastInsertRowid;
        for (const comment of generated.comments) insertComment.run({ ticket_id: ticketId, ...comment });
        for (const tagId of generated.tagIds) insertTag.run(ticketId, tagId);
        ticketTags += generated.tagIds.length;
      }
      db.exec('commit');
    } catch (error) {
      db.exec('rollback');
      throw error;
    }
    const count = (sql: string, ...params: number[]) => Number(db.prepare(sql).get(...params)?.n);
    return {
      tickets: count('select count(*) as n from tickets'),
      comments: count('select count(*) as n from ticket_comments'),
      ticketTags,
      agentOpen: count(`select count(*) as n from tickets where status = 'open' and assignee_id = ?`, people.agentId),
    };
  } finally {
    db.close();
  }
}
