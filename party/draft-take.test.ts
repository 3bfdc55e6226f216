import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftDoc, p } from '../tests/integration/draft-fixtures';
import { renderDraft } from './draft-html';
import { deleteTakenContent } from './draft-take';

/** Two replicas of one draft, as two agents' editors would hold it. */
function replicas() {
  const a = draftDoc(p(['Hello world']), { el: 'bullet_list', children: [{ el: 'list_item', children: [p(['item'])] }] });
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
  a.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a.doc, u, 'remote'));
  return { a, b, bReply: b.getXmlFragment('reply') };
}

const firstText = (fragment: Y.XmlFragment): Y.XmlText => (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('clearing a sent draft by item identity', () => {
  it('deletes everything that existed when the draft was taken', () => {
    const { doc, reply } = draftDoc(p(['one']), p(['two']));
    const taken = Y.decodeStateVector(Y.encodeStateVector(doc));
    doc.transact(() => deleteTakenContent(reply, taken));
    expect(reply.length).toBe(0);
    expect(renderDraft(reply).empty).toBe(true);
  });

  it('keeps a new paragraph typed after the take', () => {
    const { a, bReply } = replicas();
    const taken = Y.decodeStateVector(Y.encodeStateVector(a.doc));
    bReply.insert(bReply.length, [new Y.XmlElement('paragraph')]);
    ((bReply.get(bReply.length - 1) as Y.XmlElement).insert(0, [new Y.XmlText('typed during the send')]));
    a.doc.transact(() => deleteTakenContent(a.reply, taken));
    expect(renderDraft(a.reply).html).toBe('<p>typed during the send</p>');
    expect(renderDraft(bReply).html).toBe('<p>typed during the send</p>');
  });

  it('keeps text typed inside a sent paragraph, and only that text', () => {
    const { a, bReply } = replicas();
    const taken = Y.decodeStateVector(Y.encodeStateVector(a.doc));
    firstText(bReply).insert(5, ' brave new');
    a.doc.transact(() => deleteTakenContent(a.reply, taken));
    expect(renderDraft(a.reply).html).toBe('<p> brave new</p>');
  });

  it('keeps text the same client appended right after the taken text (Yjs merges such items)', () => {
    const { doc, reply } = draftDoc(p(['Hello']));
    const taken = Y.decodeStateVector(Y.encodeStateVector(doc));
    firstText(reply).insert(5, ', again');
    doc.transact(() => deleteTakenContent(reply, taken));
    expect(renderDraft(reply).text).toBe(', again');
  });

  it('keeps a list item added to a sent list, with its list', () => {
    const { a, bReply } = replicas();
    const taken = Y.decodeStateVector(Y.encodeStateVector(a.doc));
    const list = bReply.get(1) as Y.XmlElement;
    const item = new Y.XmlElement('list_item');
    list.insert(1, [item]);
    const para = new Y.XmlElement('paragraph');
    item.insert(0, [para]);
    para.insert(0, [new Y.XmlText('late item')]);
    a.doc.transact(() => deleteTakenContent(a.reply, taken));
    expect(renderDraft(a.reply).html).toBe('<ul><li><p>late item</p></li></ul>');
  });

  it('leaves content deleted by someone else during the send deleted', () => {
    const { a, bReply } = replicas();
    const taken = Y.decodeStateVector(Y.encodeStateVector(a.doc));
    bReply.delete(0, 1);
    a.doc.transact(() => deleteTakenContent(a.reply, taken));
    expect(a.reply.length).toBe(0);
  });

  it('clears only the fragment it is given', () => {
    const { doc, reply } = draftDoc(p(['reply']));
    const note = doc.getXmlFragment('note');
    note.insert(0, [new Y.XmlElement('paragraph')]);
    const taken = Y.decodeStateVector(Y.encodeStateVector(doc));
    doc.transact(() => deleteTakenContent(reply, taken));
    expect(note.length).toBe(1);
  });
});
