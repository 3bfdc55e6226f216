import type { Action } from 'svelte/action';

/**
 * Paints an element in a person's colour through the CSSOM (`--peer-color`):
 * the portal's CSP allows no `style` attributes, and a Svelte `style:` directive
 * would render one on the server.
 */
export const tint: Action<HTMLElement, string> = (node, color) => {
  node.style.setProperty('--peer-color', color);
  return { update: (next) => node.style.setProperty('--peer-color', next) };
};
