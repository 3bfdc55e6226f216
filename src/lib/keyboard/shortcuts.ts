// The console's single-key shortcuts. One table, so the help dialog (`?`) and
// the handlers cannot disagree about what exists.

export const SHORTCUTS = {
  j: 'shortcut.next',
  k: 'shortcut.previous',
  Enter: 'shortcut.open',
  x: 'shortcut.select',
  r: 'shortcut.reply',
  n: 'shortcut.note',
  m: 'shortcut.macro',
  e: 'shortcut.solve',
  '/': 'shortcut.search',
  '?': 'shortcut.help',
} as const;

export type Shortcut = keyof typeof SHORTCUTS;

/** Keys typed into a field, an editor or a menu belong to it, never to a shortcut. */
function typingInto(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  return element.isContentEditable || element.closest('input, textarea, select, [contenteditable="true"], dialog') !== null;
}

/** The shortcut a key press means, or null (modifiers held, typing in a field, or not a shortcut). */
export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'defaultPrevented'>): Shortcut | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (typingInto(event.target)) return null;
  return Object.hasOwn(SHORTCUTS, event.key) ? (event.key as Shortcut) : null;
}
