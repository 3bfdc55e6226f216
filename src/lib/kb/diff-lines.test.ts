import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { diffLines } from './diff-lines';

describe('a version diff as lines', () => {
  it('marks added, removed and context lines, and drops the file headers', () => {
    const unified = createTwoFilesPatch('version 1', 'version 2', 'title: Old\n\nsame\n', 'title: New\n\nsame\n', undefined, undefined, { context: 3 });
    expect(diffLines(unified)).toEqual([
      { kind: 'hunk', text: '@@ -1,3 +1,3 @@' },
      { kind: 'removed', text: 'title: Old' },
      { kind: 'added', text: 'title: New' },
      { kind: 'context', text: '' },
      { kind: 'context', text: 'same' },
    ]);
  });

  it('keeps a body line that itself starts with "---" or "+++" once inside a hunk', () => {
    const unified = createTwoFilesPatch('a', 'b', 'x\n', 'x\n--- rule\n+++ plus\n');
    expect(diffLines(unified).filter((l) => l.kind === 'added').map((l) => l.text)).toEqual(['--- rule', '+++ plus']);
  });

  it('shows nothing for two equal versions', () => {
    expect(diffLines(createTwoFilesPatch('a', 'b', 'same\n', 'same\n'))).toEqual([]);
  });
});
