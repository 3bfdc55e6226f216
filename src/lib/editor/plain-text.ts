import { Fragment, Slice, type Node } from 'prosemirror-model';
import { draftNodes, draftSchema } from './schema.ts';

// Plain text (a macro's) as something to put into a draft: a blank line
// starts a paragraph, a single line break stays a line break. The slice is
// open at both ends, so its first line joins the paragraph the caret is in
// and its last line runs into the text after the caret.

function paragraphOf(block: string): Node {
  const content = block.split('\n').flatMap((line, i) => [...(i > 0 ? [draftNodes.hard_break.create()] : []), ...(line ? [draftSchema.text(line)] : [])]);
  return draftNodes.paragraph.create(null, content);
}

export function plainTextSlice(text: string): Slice {
  const blocks = text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n+/);
  return new Slice(Fragment.from(blocks.map(paragraphOf)), 1, 1);
}
