import { describe, expect, it } from 'vitest';
import { shortcutOf } from './shortcuts';

const press = (key: string, target: unknown = null, extra: Partial<KeyboardEvent> = {}) =>
  shortcutOf({ key, ctrlKey: false, metaKey: false, altKey: false, defaultPrevented: false, target: target as EventTarget, ...extra });

/** Enough of an element for the check: whether it sits inside a field. */
const element = (insideField: boolean, editable = false) => ({ isContentEditable: editable, closest: () => (insideField ? {} : null) });

describe('console shortcuts', () => {
  it('knows j, k, Enter, x, r, n, e, / and ?', () => {
    for (const key of ['j', 'k', 'Enter', 'x', 'r', 'n', 'e', '/', '?']) expect(press(key, element(false))).toBe(key);
  });

  it('ignores other keys and keys with a modifier (browser shortcuts stay intact)', () => {
    expect(press('q', element(false))).toBeNull();
    expect(press('r', element(false), { ctrlKey: true })).toBeNull();
    expect(press('k', element(false), { metaKey: true })).toBeNull();
  });

  it('leaves keys typed into a field or an editor alone', () => {
    expect(press('j', element(true))).toBeNull();
    expect(press('e', element(false, true))).toBeNull();
  });

  it('leaves a key another handler already took alone', () => {
    expect(press('j', element(false), { defaultPrevented: true })).toBeNull();
  });
});
