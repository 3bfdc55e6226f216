import * as Y from 'yjs';
import { MAX_DEPTH } from './draft-html';

// Clearing a sent draft by item identity. When the room renders a draft for
// sending it records the document's state vector; when the send commits, it
// deletes exactly the items that existed then (every Yjs item is named by
// client id and clock, and a client's clocks only grow). Whatever was typed
// after the take has a clock past the vector and stays in the draft — even
// inside a paragraph that was sent, which keeps its new text and loses the old.

/** How many units of `item`, from its start, existed at `taken` (Yjs may merge an old item with a newer one typed right after it). */
function takenLength(item: Y.Item, taken: ReadonlyMap<number, number>): number {
  return Math.max(0, Math.min(item.length, (taken.get(item.id.client) ?? 0) - item.id.clock));
}

/** Deletes the taken runs of a text; true if anything is left. */
function pruneText(text: Y.XmlText, taken: ReadonlyMap<number, number>): boolean {
  const ranges: [number, number][] = [];
  let index = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const length = takenLength(item, taken);
    if (length > 0) ranges.push([index, length]);
    index += item.length;
  }
  for (const [at, length] of ranges.reverse()) text.delete(at, length);
  return text.length > 0;
}

/** Deletes the taken children of a container, keeping taken elements that hold something new; true if anything is left. */
function pruneChildren(parent: Y.XmlFragment | Y.XmlElement, taken: ReadonlyMap<number, number>, depth: number): boolean {
  const ranges: [number, number][] = [];
  let index = 0;
  for (let item = parent._start; item; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const length = takenLength(item, taken);
    if (length > 0) {
      const child = item.content instanceof Y.ContentType ? item.content.type : null;
      const keep =
        depth < MAX_DEPTH &&
        (child instanceof Y.XmlText ? pruneText(child, taken) : child instanceof Y.XmlElement && pruneChildren(child, taken, depth + 1));
      if (!keep) ranges.push([index, length]);
    }
    index += item.length;
  }
  for (const [at, length] of ranges.reverse()) parent.delete(at, length);
  return parent.length > 0;
}

/**
 * Deletes from `fragment` what existed when `taken` (a state vector, from
 * `Y.encodeStateVector`) was recorded. Call inside `doc.transact`.
 */
export function deleteTakenContent(fragment: Y.XmlFragment, taken: ReadonlyMap<number, number>): void {
  pruneChildren(fragment, taken, 0);
}
