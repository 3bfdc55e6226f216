import { russianSearchPrefix } from './russian-stemmer';
import { isStopWord } from './stop-words';

// What a user types, translated into an FTS5 expression that is always valid.
// Our own syntax is all there is: words, `word*` for a prefix, "quoted phrases".
// Everything else (FTS operators, parentheses, column filters, NEAR, `-`, `^`) is
// punctuation: every term is emitted as a double-quoted FTS5 string built from
// letters and digits only, so no input can reach FTS5's query grammar.

export const MAX_TERMS = 12;
const MAX_TERM_LENGTH = 64;
/** Explicit prefixes shorter than this would expand to most of the vocabulary. */
const MIN_PREFIX = 2;
/** Russian stems shorter than this are searched as the whole word instead. */
const MIN_STEM = 3;

const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

export type QueryTerm =
  /** One word; `prefix` matches every word starting with `text`. */
  | { kind: 'word'; text: string; prefix: boolean; typed: string }
  /** Words that must appear together, in this order. */
  | { kind: 'phrase'; words: string[] };

export type WordTerm = Extract<QueryTerm, { kind: 'word' }>;

export interface ParsedQuery {
  terms: QueryTerm[];
}

/** Lower case, ё folded to е (the index folds it the same way, see 0001_search.sql). */
export const foldText = (s: string): string => s.toLowerCase().replaceAll('ё', 'е');

const tokensOf = (s: string): string[] => (foldText(s).match(TOKEN) ?? []).map((t) => t.slice(0, MAX_TERM_LENGTH));

/** A typed word as a term: Russian words become their stem searched as a prefix. */
export function wordTerm(word: string, explicitPrefix: boolean): WordTerm {
  if (explicitPrefix && word.length >= MIN_PREFIX) return { kind: 'word', text: word, prefix: true, typed: `${word}*` };
  if (CYRILLIC.test(word)) {
    const stem = russianSearchPrefix(word);
    if (stem.length >= MIN_STEM) return { kind: 'word', text: stem, prefix: true, typed: word };
  }
  return { kind: 'word', text: word, prefix: false, typed: word };
}

/**
 * The terms of a search box's input, or null when nothing in it can be searched
 * (only punctuation, or only operators). Stop words are left out unless they are
 * all the query has; quoted phrases keep every word.
 */
export function parseSearchInput(input: string): ParsedQuery | null {
  const terms: QueryTerm[] = [];
  const words: { word: string; prefix: boolean }[] = [];
  // Quoted phrases first; an unmatched quote is punctuation.
  const rest = input.replace(/"([^"]*)"/g, (_, inner: string) => {
    const phraseWords = tokensOf(inner);
    if (phraseWords.length === 1) words.push({ word: phraseWords[0] as string, prefix: false });
    else if (phraseWords.length > 1) terms.push({ kind: 'phrase', words: phraseWords.slice(0, MAX_TERMS) });
    return ' ';
  });
  for (const match of rest.matchAll(/([\p{L}\p{N}\p{M}]+)(\*?)/gu)) {
    const tokens = tokensOf(match[1] as string);
    // Lower-casing can split nothing, but keep the star on the last token whatever happens.
    tokens.forEach((word, i) => words.push({ word, prefix: match[2] === '*' && i === tokens.length - 1 }));
  }
  const meaningful = words.filter((w) => w.prefix || !isStopWord(w.word));
  const kept = meaningful.length > 0 || terms.length > 0 ? meaningful : words;
  const seen = new Set<string>();
  for (const { word, prefix } of kept) {
    const term = wordTerm(word, prefix);
    const key = term.kind === 'word' ? `${term.text}${term.prefix ? '*' : ''}` : '';
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return terms.length === 0 ? null : { terms: terms.slice(0, MAX_TERMS) };
}

/** One term as FTS5 syntax: a double-quoted string of letters and digits, maybe with `*`. */
export function termExpression(term: QueryTerm): string {
  if (term.kind === 'phrase') return `"${term.words.join(' ')}"`;
  return `"${term.text}"${term.prefix ? '*' : ''}`;
}

/**
 * The FTS5 MATCH expression: every term (`all`, for search) or any term (`any`,
 * for suggestions while typing, where a whole sentence rarely matches one article).
 */
export function ftsExpression(query: ParsedQuery, mode: 'all' | 'any'): string {
  return query.terms.map(termExpression).join(mode === 'all' ? ' AND ' : ' OR ');
}

/** The query as the user could retype it (after a spelling correction). */
export function displayQuery(query: ParsedQuery): string {
  return query.terms.map((t) => (t.kind === 'phrase' ? `"${t.words.join(' ')}"` : t.typed)).join(' ');
}
