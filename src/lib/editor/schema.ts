import { Schema, type MarkType, type NodeType } from 'prosemirror-model';
import { schema as basic } from 'prosemirror-schema-basic';
import { addListNodes } from 'prosemirror-schema-list';

/**
 * The drafts' document schema: prosemirror-schema-basic without images, plus
 * bullet and ordered lists. The names are the ones y-prosemirror writes into the
 * TicketRoom's Yjs tree and the room renders to a comment's HTML
 * (party/draft-html.ts): paragraph, heading, blockquote, code_block,
 * bullet_list, ordered_list, list_item, hard_break, horizontal_rule; marks
 * strong, em, code and link. A node the room doesn't know would be dropped from
 * the sent comment, so the editor can't make one.
 */
export const draftSchema = new Schema({
  nodes: addListNodes(basic.spec.nodes.remove('image'), 'paragraph block*', 'block'),
  marks: basic.spec.marks,
});

function nodeType(name: string): NodeType {
  const type = draftSchema.nodes[name];
  if (!type) throw new Error(`The draft schema has no node "${name}".`);
  return type;
}

function markType(name: string): MarkType {
  const type = draftSchema.marks[name];
  if (!type) throw new Error(`The draft schema has no mark "${name}".`);
  return type;
}

/** The schema's node types, by the names the room renders. */
export const draftNodes = {
  paragraph: nodeType('paragraph'),
  heading: nodeType('heading'),
  blockquote: nodeType('blockquote'),
  code_block: nodeType('code_block'),
  bullet_list: nodeType('bullet_list'),
  ordered_list: nodeType('ordered_list'),
  list_item: nodeType('list_item'),
  hard_break: nodeType('hard_break'),
  horizontal_rule: nodeType('horizontal_rule'),
} as const;

export const draftMarks = {
  strong: markType('strong'),
  em: markType('em'),
  code: markType('code'),
  link: markType('link'),
} as const;
