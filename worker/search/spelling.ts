import { sql } from 'drizzle-orm';
import type { TenantDb } from '../tenancy/tenant-db';
import { termExpression, wordTerm, type ParsedQuery, type QueryTerm } from './search-query';

// "Did you mean": when a query finds nothing, each word that matches nothing in
// the index is replaced by the most frequent indexed word that starts (up to a
// typo or two) the same way. The candidates come from the index's own vocabulary
// (an fts5vocab table), so this costs no extra index, unlike a trigram table.

export type Vocabulary = 'tickets_fts' | 'kb_articles_fts';

/** Words shorter than this are left alone: too many neighbours to guess from. */
const MIN_LENGTH = 4;
const MAX_CANDIDATES = 5000;

/** Optimal string alignment distance: edits, where swapping two neighbours counts as one. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The indexed word `typed` was probably meant to start, as a prefix, from
 * `candidates` (word, number of documents): closest first, then most frequent.
 */
export function closestPrefix(typed: string, candidates: readonly { term: string; doc: number }[]): string | null {
  const allowed = typed.length <= 5 ? 1 : 2;
  let best: { prefix: string; distance: number; doc: number } | null = null;
  for (const { term, doc } of candidates) {
    for (const length of [typed.length - 1, typed.length, typed.length + 1]) {
      if (length < MIN_LENGTH - 1 || length > term.length) continue;
      const prefix = term.slice(0, length);
      const distance = editDistance(typed, prefix);
      if (distance === 0 || distance > allowed) continue;
      if (!best || distance < best.distance || (distance === best.distance && doc > best.doc)) best = { prefix, distance, doc };
    }
  }
  return best?.prefix ?? null;
}

async function matchesAnything(db: TenantDb, table: Vocabulary, term: QueryTerm): Promise<boolean> {
  const expression = termExpression(term);
  const rows = await db.all<{ found: number }>(
    table === 'tickets_fts'
      ? sql`select 1 as found from tickets_fts where tickets_fts match ${expression} limit 1`
      : sql`select 1 as found from kb_articles_fts where kb_articles_fts match ${expression} limit 1`,
  );
  return rows.length > 0;
}

async function candidatesFor(db: TenantDb, table: Vocabulary, typed: string) {
  const first = typed.slice(0, 1);
  const next = String.fromCodePoint((first.codePointAt(0) as number) + 1);
  const vocab = table === 'tickets_fts' ? sql`tickets_fts_vocab` : sql`kb_articles_fts_vocab`;
  return db.all<{ term: string; doc: number }>(sql`
    select term, doc from ${vocab}
    where term >= ${first} and term < ${next} and length(term) >= ${typed.length - 1}
    limit ${MAX_CANDIDATES}`);
}

/** The query with its unmatched words corrected, or null when nothing could be corrected. */
export async function correctSpelling(db: TenantDb, table: Vocabulary, query: ParsedQuery): Promise<ParsedQuery | null> {
  let changed = false;
  const terms: QueryTerm[] = [];
  for (const term of query.terms) {
    const typed = term.kind === 'word' ? term.typed.replace(/\*$/, '') : '';
    if (term.kind === 'phrase' || typed.length < MIN_LENGTH || (await matchesAnything(db, table, term))) {
      terms.push(term);
      continue;
    }
    const prefix = closestPrefix(typed, await candidatesFor(db, table, typed));
    if (prefix === null) {
      terms.push(term);
      continue;
    }
    changed = true;
    // A corrected word is searched as a prefix (Russian: its stem): the user may still be typing it.
    terms.push({ ...wordTerm(prefix, false), prefix: true, typed: prefix });
  }
  return changed ? { terms } : null;
}
