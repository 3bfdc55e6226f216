import { baseKeymap, chainCommands, exitCode, toggleMark, wrapIn } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { EditorState, type Command } from 'prosemirror-state';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from 'prosemirror-schema-list';
import { EditorView } from 'prosemirror-view';
import { redo, undo, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import './editor.css';
import { plainTextSlice } from './plain-text.ts';
import { remoteCursor, remoteSelection } from './remote-cursors.ts';
import { draftMarks as marks, draftNodes as nodes, draftSchema } from './schema.ts';

// A rich-text editor bound to one of the TicketRoom's drafts: ProseMirror over
// the draft's Y.XmlFragment (y-prosemirror keeps the two in step), with the
// other agents' cursors from the room's awareness and an undo history that
// only undoes this agent's own edits.

const insertHardBreak: Command = (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
  return true;
};

/** The formatting a toolbar offers, by name. */
export const FORMATS = {
  bold: toggleMark(marks.strong),
  italic: toggleMark(marks.em),
  code: toggleMark(marks.code),
  'bullet list': wrapInList(nodes.bullet_list),
  'numbered list': wrapInList(nodes.ordered_list),
  quote: wrapIn(nodes.blockquote),
} satisfies Record<string, Command>;

export type Format = keyof typeof FORMATS;

export interface DraftEditorOptions {
  awareness: Awareness;
  /** The editor's accessible name, e.g. "Reply". */
  label: string;
  /** Called for each edit this agent makes (not for edits arriving from others). */
  onLocalEdit?: () => void;
}

export interface DraftEditor {
  view: EditorView;
  /** Applies a toolbar format to the selection; false when it doesn't apply there. */
  format(name: Format): boolean;
  /** Puts plain text (a macro) in place of the selection, as this agent's edit: the others see it arrive, and undo takes it back. */
  insertText(text: string): void;
  destroy(): void;
}

export function createDraftEditor(mount: HTMLElement, fragment: Y.XmlFragment, options: DraftEditorOptions): DraftEditor {
  const state = EditorState.create({
    schema: draftSchema,
    plugins: [
      ySyncPlugin(fragment),
      yCursorPlugin(options.awareness, { cursorBuilder: remoteCursor, selectionBuilder: remoteSelection }),
      yUndoPlugin(),
      keymap({
        'Mod-z': undo,
        'Mod-y': redo,
        'Mod-Shift-z': redo,
        'Mod-b': FORMATS.bold,
        'Mod-i': FORMATS.italic,
        'Mod-`': FORMATS.code,
        'Shift-Enter': chainCommands(exitCode, insertHardBreak),
        Enter: splitListItem(nodes.list_item),
        'Mod-[': liftListItem(nodes.list_item),
        'Mod-]': sinkListItem(nodes.list_item),
      }),
      keymap(baseKeymap),
    ],
  });
  const view = new EditorView(mount, {
    state,
    attributes: { class: 'draft-editor', role: 'textbox', 'aria-multiline': 'true', 'aria-label': options.label },
    // `this` is the view: y-prosemirror dispatches while the constructor is still running.
    dispatchTransaction(this: EditorView, transaction) {
      this.updateState(this.state.apply(transaction));
      // y-prosemirror marks the transactions that carry other agents' edits.
      const remote = (transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
      if (transaction.docChanged && !remote) options.onLocalEdit?.();
    },
  });
  return {
    view,
    format(name) {
      const applied = FORMATS[name](view.state, view.dispatch, view);
      view.focus();
      return applied;
    },
    insertText(text) {
      view.dispatch(view.state.tr.replaceSelection(plainTextSlice(text)).scrollIntoView());
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
