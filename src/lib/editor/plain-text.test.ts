import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { renderDraft } from '../../../party/draft-html';
import { prosemirrorToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { plainTextSlice } from './plain-text';
import { draftNodes, draftSchema } from './schema';

// A macro inserted at the caret: into an empty draft, and into the middle of a
// sentence, read back as the HTML the TicketRoom would send.

const { paragraph } = draftNodes;

function insertAt(doc: ReturnType<typeof draftSchema.node>, position: number, text: string): string {
  const state = EditorState.create({ schema: draftSchema, doc });
  const next = state.apply(state.tr.setSelection(TextSelection.create(state.doc, position)).replaceSelection(plainTextSlice(text)));
  const fragment = new Y.Doc().getXmlFragment('reply');
  prosemirrorToYXmlFragment(next.doc, fragment);
  return renderDraft(fragment).html;
}

describe('plain text into a draft', () => {
  it('makes a paragraph of each block and a line break of each single newline', () => {
    const empty = draftSchema.node('doc', null, [paragraph.create()]);
    expect(insertAt(empty, 1, 'Hello Maria,\r\n\r\nplease restart it.\nThen try again.\n\n\nAlex')).toBe(
      '<p>Hello Maria,</p><p>please restart it.<br>Then try again.</p><p>Alex</p>',
    );
  });

  it('joins the first line to the text before the caret and the last to the text after it', () => {
    const sentence = draftSchema.node('doc', null, [paragraph.create(null, draftSchema.text('Before after'))]);
    expect(insertAt(sentence, 8, 'one\n\ntwo ')).toBe('<p>Before one</p><p>two after</p>');
    expect(insertAt(sentence, 8, 'inline ')).toBe('<p>Before inline after</p>');
  });

  it('keeps markup-looking text as text', () => {
    const empty = draftSchema.node('doc', null, [paragraph.create()]);
    expect(insertAt(empty, 1, '<b>not bold</b> & co')).toBe('<p>&lt;b&gt;not bold&lt;/b&gt; &amp; co</p>');
  });
});
