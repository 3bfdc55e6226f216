import { describe, expect, it } from 'vitest';
import { articleDiff } from './article-diff';

describe('articleDiff', () => {
  it('shows changed lines of the body and the title as a unified diff', () => {
    const diff = articleDiff(
      { version: 1, title: 'Printer', summary: 's', bodyMarkdown: 'Turn it off.\nWait.\nTurn it on.' },
      { version: 2, title: 'Printer offline', summary: 's', bodyMarkdown: 'Turn it off.\nWait ten seconds.\nTurn it on.' },
    );
    expect(diff).toContain('--- version 1');
    expect(diff).toContain('+++ version 2');
    expect(diff).toContain('-title: Printer\n+title: Printer offline');
    expect(diff).toContain('-Wait.\n+Wait ten seconds.');
    expect(diff).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@/m);
  });

  it('has no hunks when nothing changed', () => {
    const v = { version: 1, title: 't', summary: '', bodyMarkdown: 'b' };
    expect(articleDiff(v, { ...v, version: 2 })).not.toContain('@@');
  });
});
