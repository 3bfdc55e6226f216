// A unified diff (as the API's version diff gives it) as lines a page can
// colour: what was added, removed, kept for context, and where each hunk
// starts. The file header lines (`---`, `+++`, `===`, `Index:`) are dropped:
// the page says which versions are compared.

export type DiffLineKind = 'added' | 'removed' | 'context' | 'hunk';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

const HEADER = /^(---|\+\+\+|===|Index: )/;

export function diffLines(unified: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let inHunk = false;
  for (const line of unified.split('\n')) {
    if (line.startsWith('@@')) {
      inHunk = true;
      lines.push({ kind: 'hunk', text: line });
    } else if (!inHunk && HEADER.test(line)) continue;
    else if (!inHunk) continue;
    else if (line.startsWith('+')) lines.push({ kind: 'added', text: line.slice(1) });
    else if (line.startsWith('-')) lines.push({ kind: 'removed', text: line.slice(1) });
    else if (line.startsWith(' ')) lines.push({ kind: 'context', text: line.slice(1) });
    // "\ No newline at end of file" and the empty tail carry nothing to show.
  }
  return lines;
}
