import * as Y from 'yjs';

// Builds drafts the way y-prosemirror stores them, for the pure tests of the
// renderer and of clearing a sent draft: elements named after the editor's
// nodes, with text runs whose attributes are the marks.

export type DraftNode = { el: string; attrs?: Record<string, unknown>; children?: DraftNode[] } | { text: [string, Record<string, unknown>?][] };

export function build(node: DraftNode): Y.XmlElement | Y.XmlText {
  if ('text' in node) {
    const text = new Y.XmlText();
    let at = 0;
    for (const [chunk, marks] of node.text) {
      text.insert(at, chunk, marks ?? {});
      at += chunk.length;
    }
    return text;
  }
  const element = new Y.XmlElement(node.el);
  for (const [key, value] of Object.entries(node.attrs ?? {})) element.setAttribute(key, value as string);
  element.insert(0, (node.children ?? []).map(build));
  return element;
}

/** A document whose `reply` fragment holds these nodes. */
export function draftDoc(...nodes: DraftNode[]): { doc: Y.Doc; reply: Y.XmlFragment } {
  const doc = new Y.Doc();
  const reply = doc.getXmlFragment('reply');
  reply.insert(0, nodes.map(build));
  return { doc, reply };
}

export const p = (...runs: [string, Record<string, unknown>?][]): DraftNode => ({ el: 'paragraph', children: [{ text: runs }] });
