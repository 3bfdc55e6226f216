import type { DecorationAttrs } from 'prosemirror-view';
import { safeColor } from '../realtime/presence.ts';

// How other agents' cursors and selections look. y-prosemirror's defaults
// write `style="…"` attributes, which the portal's CSP (no 'unsafe-inline'
// for styles) blocks; these set the colour through the CSSOM instead (which
// CSP allows) as a custom property the stylesheet (editor.css) paints with.
// The name and colour come from another browser, so both are checked: the
// colour must be #rrggbb, and the name is set as text, never as markup.

interface RemoteUser {
  name?: unknown;
  color?: unknown;
}

const nameOf = (user: RemoteUser): string => (typeof user.name === 'string' && user.name.trim() ? user.name.slice(0, 100) : 'Someone');

/** The caret of another agent, with their name above it. */
export function remoteCursor(user: RemoteUser): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'remote-cursor';
  caret.style.setProperty('--peer-color', safeColor(user.color));
  const label = document.createElement('span');
  label.className = 'remote-cursor-label';
  label.textContent = nameOf(user);
  // Word joiners keep the caret from breaking the line it sits in.
  caret.appendChild(document.createTextNode('\u2060'));
  caret.appendChild(label);
  caret.appendChild(document.createTextNode('\u2060'));
  return caret;
}

/** Another agent's selection: ProseMirror applies a decoration's `style` through the CSSOM too. */
export function remoteSelection(user: RemoteUser): DecorationAttrs {
  return { class: 'remote-selection', style: `--peer-color: ${safeColor(user.color)}` };
}
