import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { renderDraft } from '../../../party/draft-html';
import { draftMarks, draftNodes, draftSchema } from './schema';

// The editor and the TicketRoom must agree on names: a node the room does not
// know is dropped from the sent comment. This writes one document with every
// node and mark the editor can make, through y-prosemirror into a Yjs tree as
// the browser does, and renders it with the room's own renderer.

const { paragraph, heading, blockquote, code_block, bullet_list, ordered_list, list_item, hard_break, horizontal_rule } = draftNodes;
const { strong, em, code, link } = draftMarks;
const text = (value: string, marks: ReturnType<typeof strong.create>[] = []) => draftSchema.text(value, marks);

const everything: Node = draftSchema.node('doc', null, [
  heading.create({ level: 2 }, text('Hello')),
  paragraph.create(null, [
    text('bold', [strong.create()]),
    text(' and '),
    text('a link', [link.create({ href: 'https://example.com/help' })]),
    hard_break.create(),
    text('x()', [em.create(), code.create()]),
  ]),
  blockquote.create(null, paragraph.create(null, text('quoted'))),
  code_block.create(null, text('a < b')),
  bullet_list.create(null, list_item.create(null, paragraph.create(null, text('one')))),
  ordered_list.create({ order: 3 }, list_item.create(null, paragraph.create(null, text('three')))),
  horizontal_rule.create(),
]);

function typesIn(doc: Node): { nodes: Set<string>; marks: Set<string> } {
  const nodes = new Set<string>();
  const marks = new Set<string>();
  doc.descendants((node) => {
    nodes.add(node.type.name);
    for (const mark of node.marks) marks.add(mark.type.name);
  });
  return { nodes, marks };
}

describe('the draft editor’s schema', () => {
  it('is prosemirror-schema-basic without images, plus lists', () => {
    expect(Object.keys(draftSchema.nodes).sort()).toEqual(
      ['blockquote', 'bullet_list', 'code_block', 'doc', 'hard_break', 'heading', 'horizontal_rule', 'list_item', 'ordered_list', 'paragraph', 'text'].sort(),
    );
    expect(Object.keys(draftSchema.marks).sort()).toEqual(['code', 'em', 'link', 'strong']);
  });

  it('makes only what the TicketRoom renders: every node and mark survives into the sent HTML', () => {
    const used = typesIn(everything);
    expect([...used.nodes, 'doc'].sort()).toEqual(Object.keys(draftSchema.nodes).sort());
    expect([...used.marks].sort()).toEqual(Object.keys(draftSchema.marks).sort());

    const fragment = new Y.Doc().getXmlFragment('reply');
    prosemirrorToYXmlFragment(everything, fragment);
    expect(renderDraft(fragment).html).toBe(
      '<h2>Hello</h2>' +
        '<p><strong>bold</strong> and <a href="https://example.com/help" rel="noopener noreferrer">a link</a><br><em><code>x()</code></em></p>' +
        '<blockquote><p>quoted</p></blockquote><pre><code>a &lt; b</code></pre>' +
        '<ul><li><p>one</p></li></ul><ol start="3"><li><p>three</p></li></ol><hr>',
    );
  });
});
